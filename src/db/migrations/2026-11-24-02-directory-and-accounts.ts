import { type Kysely, PostgresAdapter, sql } from 'kysely';

// The directory (partnerships, protocol versions, local authorities, agencies, teams, regions,
// people), accounts (passwords, single sign-on identities, sessions, API tokens, sign-in
// throttling) and the append-only, hash-chained audit log.
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const instant = postgres ? 'timestamptz' : 'text';
  const flag = postgres ? 'boolean' : 'integer';
  const json = postgres ? 'jsonb' : 'text';

  await db.schema
    .createTable('partnerships')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('calendar', 'text', (c) => c.notNull())
    .addColumn('working_hours_start', 'text', (c) => c.notNull())
    .addColumn('working_hours_end', 'text', (c) => c.notNull())
    .addColumn('working_weekdays', json, (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('partnership_closure_days')
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('partnership_closure_days_pk', ['partnership_id', 'date'])
    .execute();

  await db.schema
    .createTable('protocol_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('protocol_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('adopted_at', instant, (c) => c.notNull())
    .addColumn('adopted_by', 'text')
    .addUniqueConstraint('protocol_versions_partnership_version', ['partnership_id', 'version'])
    .execute();

  await db.schema
    .createTable('on_call_contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('telephone', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('local_authorities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('front_door_name', 'text', (c) => c.notNull())
    .addColumn('monitoring_team_name', 'text', (c) => c.notNull())
    .addColumn('monitoring_team_email', 'text')
    .addUniqueConstraint('local_authorities_partnership_name', ['partnership_id', 'name'])
    .execute();

  await db.schema
    .createTable('regions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addUniqueConstraint('regions_partnership_name', ['partnership_id', 'name'])
    .execute();

  await db.schema
    .createTable('agencies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('local_authority_id', 'text', (c) => c.references('local_authorities.id'))
    .addUniqueConstraint('agencies_partnership_name', ['partnership_id', 'name'])
    .execute();

  await db.schema
    .createTable('teams')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addUniqueConstraint('teams_agency_name', ['agency_id', 'name'])
    .execute();

  await db.schema
    .createTable('people')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Null for people of no one partnership: an installation's system administrators.
    .addColumn('partnership_id', 'text', (c) => c.references('partnerships.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('job_title', 'text')
    .addColumn('telephone', 'text')
    .addColumn('agency_id', 'text', (c) => c.references('agencies.id'))
    .addColumn('team_id', 'text', (c) => c.references('teams.id'))
    .addColumn('region_id', 'text', (c) => c.references('regions.id'))
    .addColumn('line_manager_id', 'text', (c) => c.references('people.id'))
    .addColumn('active', flag, (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('people_partnership').on('people').column('partnership_id').execute();
  await db.schema.createIndex('people_agency').on('people').column('agency_id').execute();
  await db.schema
    .createIndex('people_line_manager')
    .on('people')
    .column('line_manager_id')
    .execute();

  await db.schema
    .createTable('person_roles')
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('person_roles_pk', ['person_id', 'role'])
    .execute();

  await db.schema
    .createTable('password_credentials')
    .addColumn('person_id', 'text', (c) => c.primaryKey().references('people.id'))
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('changed_at', instant, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('password_links')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('expires_at', instant, (c) => c.notNull())
    .addColumn('used_at', instant)
    .execute();

  await db.schema
    .createTable('sign_in_throttles')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('first_failure_at', instant, (c) => c.notNull())
    .addColumn('locked_until', instant)
    .execute();

  await db.schema
    .createTable('oidc_identities')
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('linked_at', instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('oidc_identities_pk', ['issuer', 'subject'])
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.references('people.id'))
    .addColumn('data', json, (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('last_seen_at', instant, (c) => c.notNull())
    .addColumn('expires_at', instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_person').on('sessions').column('person_id').execute();
  await db.schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('last_used_at', instant)
    .addColumn('revoked_at', instant)
    .execute();
  await db.schema.createIndex('api_tokens_person').on('api_tokens').column('person_id').execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('seq', postgres ? 'bigint' : 'integer', (c) => c.primaryKey())
    .addColumn('at', instant, (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('via', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('record_type', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text')
    .addColumn('partnership_id', 'text')
    .addColumn('justification', 'text')
    .addColumn('request_id', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('audit_log_record')
    .on('audit_log')
    .columns(['record_type', 'record_id'])
    .execute();
  await db.schema.createIndex('audit_log_actor').on('audit_log').column('actor_id').execute();
  await db.schema
    .createIndex('audit_log_partnership')
    .on('audit_log')
    .column('partnership_id')
    .execute();

  // Audit entries are never changed or removed, whoever asks.
  if (postgres) {
    await sql`
      create function audit_log_is_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit entries cannot be changed or removed';
      end $$`.execute(db);
    await sql`
      create trigger audit_log_no_update_or_delete before update or delete on audit_log
      for each row execute function audit_log_is_append_only()`.execute(db);
    await sql`
      create trigger audit_log_no_truncate before truncate on audit_log
      for each statement execute function audit_log_is_append_only()`.execute(db);
  } else {
    await sql`
      create trigger audit_log_no_update before update on audit_log
      begin select raise(abort, 'audit entries cannot be changed or removed'); end`.execute(db);
    await sql`
      create trigger audit_log_no_delete before delete on audit_log
      begin select raise(abort, 'audit entries cannot be changed or removed'); end`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('the directory and the audit log are not removed by a migration');
}
