import { type Kysely, PostgresAdapter } from 'kysely';

// Disagreements: one row per case holding the case as a JSON document (stages, records, actions,
// resolution, history), with the columns lists, filters and deadlines query kept beside it, and
// the party agencies and involved people as rows so that who may see a case is decided in SQL.
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const instant = postgres ? 'timestamptz' : 'text';
  const flag = postgres ? 'boolean' : 'integer';
  const json = postgres ? 'jsonb' : 'text';

  await db.schema
    .createTable('counters')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('counters_pk', ['scope', 'name'])
    .execute();

  await db.schema
    .createTable('disagreements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id'))
    .addColumn('protocol_version', 'integer', (c) => c.notNull())
    .addColumn('local_authority_id', 'text', (c) => c.references('local_authorities.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('urgent', flag, (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('pathway', 'text', (c) => c.notNull())
    .addColumn('raised_at', instant, (c) => c.notNull())
    .addColumn('raised_by', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('other_side_can_see', flag, (c) => c.notNull())
    .addColumn('current_stage_key', 'text')
    .addColumn('current_due_at', instant)
    .addColumn('awaiting_confirmation', flag, (c) => c.notNull())
    .addColumn('document', json, (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .addUniqueConstraint('disagreements_partnership_reference', ['partnership_id', 'reference'])
    .execute();
  await db.schema
    .createIndex('disagreements_partnership_created')
    .on('disagreements')
    .columns(['partnership_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('disagreements_status_due')
    .on('disagreements')
    .columns(['status', 'current_due_at'])
    .execute();

  await db.schema
    .createTable('disagreement_agencies')
    .addColumn('disagreement_id', 'text', (c) => c.notNull().references('disagreements.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('side', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('disagreement_agencies_pk', ['disagreement_id', 'agency_id'])
    .execute();
  await db.schema
    .createIndex('disagreement_agencies_agency')
    .on('disagreement_agencies')
    .column('agency_id')
    .execute();

  await db.schema
    .createTable('disagreement_people')
    .addColumn('disagreement_id', 'text', (c) => c.notNull().references('disagreements.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('agency_id', 'text')
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('chair', flag, (c) => c.notNull())
    .addPrimaryKeyConstraint('disagreement_people_pk', ['disagreement_id', 'person_id'])
    .execute();
  await db.schema
    .createIndex('disagreement_people_person')
    .on('disagreement_people')
    .column('person_id')
    .execute();

  await db.schema
    .createTable('disagreement_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('disagreement_id', 'text', (c) => c.notNull().references('disagreements.id'))
    .addColumn('owner_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('due_at', instant, (c) => c.notNull())
    .addColumn('completed_at', instant)
    .execute();
  await db.schema
    .createIndex('disagreement_actions_owner')
    .on('disagreement_actions')
    .columns(['owner_id', 'completed_at'])
    .execute();
}
