import { type Kysely, PostgresAdapter } from 'kysely';

// The text a partnership team wrote for one of the pages the footer links to (accessibility,
// privacy, cookies, contact). No row: the page shows Accord's own default text.
export async function up(db: Kysely<any>): Promise<void> {
  const instant = db.getExecutor().adapter instanceof PostgresAdapter ? 'timestamptz' : 'text';
  await db.schema
    .createTable('service_pages')
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id'))
    .addColumn('page', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('service_pages_pk', ['partnership_id', 'page'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('service_pages').execute();
}
