import type { Kysely } from 'kysely';

// Seen in the reminder sweep's plan at 100,000 open stages: whether a case has an open action
// due before the horizon was answered by reading every action for every case (SQLite: SCAN of
// disagreement_actions in a correlated subquery). A case's actions are found by its id.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('disagreement_actions_open_by_case')
    .on('disagreement_actions')
    .columns(['disagreement_id', 'completed_at', 'due_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('disagreement_actions_open_by_case').execute();
}
