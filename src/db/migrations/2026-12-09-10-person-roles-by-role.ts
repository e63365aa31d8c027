import type { Kysely } from 'kysely';

// Seen in the plans of Waiting for you and the header at 100,000 people (PostgreSQL): who holds
// a role among a case's agencies (a manager, a safeguarding lead) was answered by reading every
// person's roles. The few who hold a role are found by it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('person_roles_by_role')
    .on('person_roles')
    .columns(['role', 'person_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('person_roles_by_role').execute();
}
