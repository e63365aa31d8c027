import { type Kysely, PostgresAdapter } from 'kysely';

// What administrators need to look after accounts: when each person last signed in (by
// password or single sign-on; null for those who never have, and for everyone before this
// release, since nobody recorded it), and of a set-password link when it was made and whether
// it was an invitation sent by e-mail (purpose 'invitation') or a link copied by hand (null).
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const instant = postgres ? 'timestamptz' : 'text';
  await db.schema.alterTable('people').addColumn('last_signed_in_at', instant).execute();
  await db.schema.alterTable('password_links').addColumn('created_at', instant).execute();
  await db.schema.alterTable('password_links').addColumn('purpose', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('password_links').dropColumn('purpose').execute();
  await db.schema.alterTable('password_links').dropColumn('created_at').execute();
  await db.schema.alterTable('people').dropColumn('last_signed_in_at').execute();
}
