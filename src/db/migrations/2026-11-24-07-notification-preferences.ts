import { type Kysely, PostgresAdapter } from 'kysely';

// A person may take their routine messages as one summary each working morning.
export async function up(db: Kysely<any>): Promise<void> {
  const flag = db.getExecutor().adapter instanceof PostgresAdapter ? 'boolean' : 'integer';
  await db.schema
    .createTable('notification_preferences')
    .addColumn('person_id', 'text', (c) => c.primaryKey().references('people.id'))
    .addColumn('daily_digest', flag, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('outbox_held')
    .on('outbox')
    .columns(['person_id', 'status'])
    .execute();
}
