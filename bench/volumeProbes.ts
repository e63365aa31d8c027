// The requests the volume bench makes of each generated database: the partnership team's
// reads through the API and the web, and a practitioner's Waiting for you and the header count
// every page they see carries.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { accountRepository } from '../src/db/repositories/accountRepository.ts';
import { hashPassword } from '../src/domain/accounts/passwordHash.ts';
import { createApiToken } from '../src/services/apiTokens.ts';
import { commandLine } from '../src/services/requestContext.ts';
import { TEST_PASSWORD } from '../test/factories.ts';
import { signIn } from '../test/signIn.ts';
import { clock, NOW, type Target } from './volumeDatabases.ts';

export type Probe = {
  name: string;
  /** Taken every round, or one round in `every` (the slow CSV). */
  every?: number;
  request: () => Promise<number>;
};

/**
 * A practitioner with open cases: the median of those with any, or the one with nearest `near`
 * open cases (--open-cases), so that sizes whose medians differ compare at the same work.
 */
async function aPractitionerWithOpenCases(target: Target, near: number | undefined) {
  const db = target.database.db;
  const rows = await db
    .selectFrom('disagreement_people')
    .innerJoin('person_roles', 'person_roles.person_id', 'disagreement_people.person_id')
    .innerJoin('people', 'people.id', 'disagreement_people.person_id')
    .select(['people.id', 'people.email', sql<number>`count(*)`.as('open')])
    .where('person_roles.role', '=', 'practitioner')
    .where('disagreement_people.open', '=', target.kind === 'sqlite' ? 1 : true)
    .groupBy(['people.id', 'people.email'])
    .orderBy(sql`count(*)`)
    .orderBy('people.id')
    .execute();
  const distance = (row: (typeof rows)[number]) => Math.abs(Number(row.open) - (near ?? 0));
  const chosen =
    near === undefined
      ? rows[Math.floor(rows.length / 2)]
      : rows.reduce((best, row) => (distance(row) < distance(best) ? row : best));
  if (!chosen) throw new Error('No practitioner has an open case');
  return { ...chosen, open: Number(chosen.open) };
}

async function signedIn(
  target: Target,
  app: FastifyInstance,
  person: { id: string; email: string },
) {
  const hash = await hashPassword(TEST_PASSWORD);
  await accountRepository(target.database.db).setPasswordHash(person.id, hash, NOW);
  return (await signIn(app, person.email)).cookie;
}

export async function probesFor(
  target: Target,
  app: FastifyInstance,
  options: { openCases?: number } = {},
): Promise<Probe[]> {
  const db = target.database.db;
  const team = await db
    .selectFrom('people')
    .innerJoin('person_roles', 'person_roles.person_id', 'people.id')
    .select(['people.id', 'people.email', 'people.partnership_id'])
    .where('person_roles.role', '=', 'partnership-team')
    .orderBy('people.id')
    .executeTakeFirstOrThrow();
  const teamCookie = await signedIn(target, app, team);
  const practitioner = await aPractitionerWithOpenCases(target, options.openCases);
  const practitionerCookie = await signedIn(target, app, practitioner);
  console.log(
    `[${target.kind}] ${target.shape.cases} cases: the practitioner measured has ${practitioner.open} open cases`,
  );
  const token = (
    await createApiToken(
      { database: target.database, clock },
      { personId: team.id, name: 'volume bench' },
      commandLine,
    )
  ).token;
  const ids = (
    await db.selectFrom('disagreements').select('id').orderBy('id').limit(500).execute()
  ).map((row) => row.id);
  // The 10,000 cases raised most recently: the CSV's filter.
  const tenThousandth = await db
    .selectFrom('disagreements')
    .select('raised_at')
    .orderBy('raised_at', 'desc')
    .offset(Math.min(9999, target.shape.cases - 1))
    .limit(1)
    .executeTakeFirstOrThrow();
  const from = Temporal.Instant.from(tenThousandth.raised_at)
    .toZonedDateTimeISO('Europe/London')
    .toPlainDate()
    .add({ days: 1 })
    .toString();
  let n = 0;
  const get = async (url: string, headers: Record<string, string>) => {
    const response = await app.inject({ method: 'GET', url, headers });
    if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode}`);
    return response.body.length;
  };
  const api = { authorization: `Bearer ${token}` };
  const page = { cookie: teamCookie };
  const asPractitioner = { cookie: practitionerCookie };
  return [
    {
      name: 'API case read',
      request: () => get(`/api/v1/disagreements/${ids[n++ % ids.length]}`, api),
    },
    { name: 'API list page', request: () => get('/api/v1/disagreements?limit=50', api) },
    {
      name: 'case page',
      request: () => get(`/disagreements/${ids[n++ % ids.length]}`, page),
    },
    { name: 'Waiting for you', request: () => get('/', asPractitioner) },
    // A page of little else: its time is mostly the header's count of what waits.
    { name: 'header count page', request: () => get('/accessibility', asPractitioner) },
    {
      name: 'summary',
      request: () => get(`/api/v1/reports/summary?partnershipId=${team.partnership_id}`, api),
    },
    { name: 'dashboard page', request: () => get('/dashboard', page) },
    {
      name: 'filtered list page',
      request: () => get('/disagreements?status=closed&category=threshold&sort=raised', page),
    },
    {
      name: 'CSV of ~10,000 rows',
      every: 4,
      request: () => get(`/disagreements/export/cases.csv?raisedFrom=${from}`, page),
    },
  ];
}
