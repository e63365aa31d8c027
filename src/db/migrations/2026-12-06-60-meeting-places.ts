import type { Kysely } from 'kysely';

// The partnership's meeting places: the only places an invitation (e-mail or .ics) may name.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('meeting_places')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addUniqueConstraint('meeting_places_partnership_name', ['partnership_id', 'name'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('meeting_places').execute();
}
