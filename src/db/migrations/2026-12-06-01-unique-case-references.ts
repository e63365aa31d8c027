import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Case references become unique across the deployment: each partnership gets a prefix of its
// own (from its name, numbered where two would share one), and the cases stored before are given
// it in place of the old shared "ACC". This copy of the naming rule is frozen with the migration;
// the application's own is domain/directory/referencePrefix.ts.
const generic = new Set(
  'and board child children childrens demo for local lscb of partnership safeguarding scp the'.split(
    ' ',
  ),
);

function prefixFor(name: string, taken: Set<string>): string {
  const words = name
    .normalize('NFKD')
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[^A-Za-z\s-]/g, '')
    .split(/[\s-]+/)
    .map((word) => word.toLowerCase())
    .filter((word) => word.length > 0 && !generic.has(word));
  const base =
    words.length === 0
      ? 'SCP'
      : words.length === 1
        ? (words[0] as string).slice(0, 3).toUpperCase().padEnd(2, 'X')
        : words
            .map((word) => word.charAt(0))
            .join('')
            .slice(0, 5)
            .toUpperCase();
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base}${n}`;
  taken.add(candidate);
  return candidate;
}

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema.alterTable('partnerships').addColumn('reference_prefix', 'text').execute();

  const taken = new Set<string>();
  const partnerships = await db
    .selectFrom('partnerships')
    .select(['id', 'name'])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  for (const partnership of partnerships) {
    const prefix = prefixFor(partnership.name, taken);
    await db
      .updateTable('partnerships')
      .set({ reference_prefix: prefix })
      .where('id', '=', partnership.id)
      .execute();
    // "ACC-2026-0001" becomes "PL-2026-0001", in the column and in the case document.
    const reference = sql`${prefix} || substr(reference, 4)`;
    const document = postgres
      ? sql`jsonb_set(document, '{reference}', to_jsonb(${prefix} || substr(reference, 4)))`
      : sql`json_set(document, '$.reference', ${prefix} || substr(reference, 4))`;
    await db
      .updateTable('disagreements')
      .set({ reference, document })
      .where('partnership_id', '=', partnership.id)
      .where('reference', 'like', 'ACC-%')
      .execute();
  }

  await db.schema
    .createIndex('partnerships_reference_prefix')
    .on('partnerships')
    .column('reference_prefix')
    .unique()
    .execute();
  await db.schema
    .createIndex('disagreements_reference')
    .on('disagreements')
    .column('reference')
    .unique()
    .execute();
}
