import { type Kysely, PostgresAdapter, sql } from 'kysely';

// The partnership's half: index columns and rows kept beside each case document for finding,
// exporting and counting cases, the monitoring inbox and the learning log, and the report
// counts (sums of each case's facts by day and by month). Cases stored before are indexed again
// by the application at start-up (index_version 0).
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const instant = postgres ? 'timestamptz' : 'text';
  const flag = postgres ? 'boolean' : 'integer';

  for (const [name, type] of [
    ['ended_at', instant],
    ['closed_at', instant],
    ['stage_reached', 'text'],
    ['resolve_working_days', 'integer'],
    ['lesson_themes', 'text'],
    ['inbox_at', instant],
    ['inbox_first', flag],
    ['acknowledged_at', instant],
    ['report_facts', 'text'],
  ] as const) {
    await db.schema.alterTable('disagreements').addColumn(name, type).execute();
  }
  await db.schema
    .alterTable('disagreements')
    .addColumn('index_version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  // Lists and the summary's "open now" read a partnership's cases by state, due time or date;
  // "open now" is counted from this index alone (it holds every column the count reads).
  for (const [name, columns] of [
    [
      'disagreements_open',
      [
        'partnership_id',
        'status',
        'current_stage_key',
        'current_due_at',
        'urgent',
        'local_authority_id',
      ],
    ],
    ['disagreements_due', ['partnership_id', 'current_due_at']],
    ['disagreements_raised', ['partnership_id', 'raised_at']],
    ['disagreements_ended', ['partnership_id', 'ended_at']],
    ['disagreements_inbox', ['partnership_id', 'inbox_first', 'inbox_at']],
    ['disagreements_index_version', ['index_version']],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on('disagreements')
      .columns([...columns])
      .execute();
  }

  await db.schema
    .createTable('disagreement_stages')
    .addColumn('disagreement_id', 'text', (c) => c.notNull().references('disagreements.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('stage_key', 'text', (c) => c.notNull())
    .addColumn('started_at', instant, (c) => c.notNull())
    .addColumn('due_at', instant)
    .addColumn('ended_at', instant)
    .addColumn('outcome', 'text')
    .addColumn('within_timescale', flag)
    .addPrimaryKeyConstraint('disagreement_stages_pk', ['disagreement_id', 'position'])
    .execute();
  await db.schema
    .createIndex('disagreement_stages_ended')
    .on('disagreement_stages')
    .columns(['stage_key', 'ended_at'])
    .execute();

  // Words a case is found by (its children's names), folded to lower case without accents,
  // compared byte by byte on both databases so that a prefix is a range of the index.
  await db.schema
    .createTable('disagreement_search')
    .addColumn('disagreement_id', 'text', (c) => c.notNull().references('disagreements.id'))
    .addColumn('term', 'text', (c) =>
      postgres ? c.notNull().modifyEnd(sql`collate "C"`) : c.notNull(),
    )
    .addPrimaryKeyConstraint('disagreement_search_pk', ['disagreement_id', 'term'])
    .execute();
  await db.schema
    .createIndex('disagreement_search_term')
    .on('disagreement_search')
    .columns(['term', 'disagreement_id'])
    .execute();

  // The learning log: each lesson of a case, and what the partnership did with it.
  await db.schema
    .createTable('lessons')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('disagreement_id', 'text', (c) => c.notNull().references('disagreements.id'))
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id'))
    .addColumn('local_authority_id', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('themes', 'text', (c) => c.notNull())
    .addColumn('subgroups', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('recorded_at', instant, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('status_by', 'text', (c) => c.references('people.id'))
    .addColumn('status_at', instant)
    .execute();
  await db.schema
    .createIndex('lessons_partnership_recorded')
    .on('lessons')
    .columns(['partnership_id', 'recorded_at'])
    .execute();
  await db.schema
    .createIndex('lessons_disagreement')
    .on('lessons')
    .column('disagreement_id')
    .execute();

  // Each case's facts summed by day, month and year (src/domain/reports/caseFacts.ts). A summary
  // reads a range of the key for each bucket, so the rows are kept in key order: SQLite stores
  // the table as its key (without rowid), and PostgreSQL's key carries the count, so neither
  // visits a row apart from its key.
  const countsKey = [
    'partnership_id',
    'grain',
    'period',
    'measure',
    'local_authority_id',
    'key1',
    'key2',
  ];
  let counts = db.schema
    .createTable('report_counts')
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('grain', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('local_authority_id', 'text', (c) => c.notNull())
    .addColumn('key1', 'text', (c) => c.notNull())
    .addColumn('key2', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull());
  if (postgres) {
    await counts.execute();
    await sql`alter table report_counts add constraint report_counts_pk primary key (${sql.join(
      countsKey.map((column) => sql.ref(column)),
    )}) include (count)`.execute(db);
  } else {
    counts = counts.addPrimaryKeyConstraint('report_counts_pk', countsKey as never);
    await counts.modifyEnd(sql`without rowid`).execute();
  }
}
