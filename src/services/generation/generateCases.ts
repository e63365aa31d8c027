import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type Database, prepareForBulkLoad } from '../../db/database.ts';
import { auditRepository } from '../../db/repositories/auditRepository.ts';
import { disagreementRepository } from '../../db/repositories/disagreementRepository.ts';
import { organisationRepository } from '../../db/repositories/organisationRepository.ts';
import { partnershipRepository } from '../../db/repositories/partnershipRepository.ts';
import { peopleRepository } from '../../db/repositories/peopleRepository.ts';
import { type Clock, isoInstant } from '../../domain/clock.ts';
import type { Agency, LocalAuthority, Person } from '../../domain/directory/directory.ts';
import { caseReference } from '../../domain/directory/referencePrefix.ts';
import type { CaseStatus } from '../../domain/disagreement/disagreement.ts';
import { Conflict } from '../../domain/errors.ts';
import type { AgencyKind, Category, Role } from '../../domain/vocabulary.ts';
import { type BuiltInProtocolId, builtInProtocolFile } from '../../protocols/builtInProtocols.ts';
import { calendarOf, protocolOf } from '../caseRules.ts';
import { createPartnership } from '../createPartnership.ts';
import { auditFacts, type RequestContext } from '../requestContext.ts';
import * as words from './inventedWords.ts';
import { orderedIds, type Random, seededRandom } from './random.ts';
import {
  indexingOf,
  makeSimulator,
  type PartnershipSetting,
  type SimulatedCase,
} from './simulateCase.ts';

type Deps = { database: Database; clock: Clock };

export const GENERATED_PARTNERSHIP = 'Generated partnership';

export type GenerationSummary = {
  partnerships: number;
  cases: number;
  byStatus: Record<CaseStatus, number>;
  seconds: number;
};

const BATCH = 1000;

/**
 * Cases made by the simulation in a partnership's setting and stored a batch at a time, their
 * references numbered in their partnership's own sequence for the year each was raised, and
 * the whole audited as one generation. `keep` says which simulated cases are stored.
 */
export async function storeSimulatedCases(
  deps: Deps,
  setting: PartnershipSetting & { referencePrefix: string },
  plan: {
    cases: number;
    window: { from: Temporal.Instant; to: Temporal.Instant };
    random: Random;
    keep?: (simulated: SimulatedCase) => boolean;
    /** Categories the first cases are about, one each in turn, before chance takes over. */
    firstAbout?: readonly Category[];
    context: RequestContext;
    onBatch?: (stored: number) => void;
  },
): Promise<Record<CaseStatus, number>> {
  const simulate = makeSimulator(setting);
  const nextId = orderedIds(plan.random, deps.clock.now());
  const byStatus: Record<CaseStatus, number> = { open: 0, resolved: 0, closed: 0, withdrawn: 0 };
  let made = 0;
  while (made < plan.cases) {
    const batch: SimulatedCase[] = [];
    while (batch.length < Math.min(BATCH, plan.cases - made)) {
      const about = plan.firstAbout?.[made + batch.length];
      const simulated = simulate(plan.random, plan.window, nextId(), about);
      if (!plan.keep || plan.keep(simulated)) batch.push(simulated);
    }
    await deps.database.db.transaction().execute(async (trx) => {
      const cases = disagreementRepository(trx);
      const yearOf = (simulated: SimulatedCase) =>
        Temporal.Instant.from(simulated.disagreement.raisedAt).toZonedDateTimeISO(
          setting.calendar.timeZone,
        ).year;
      for (const [year, ofYear] of Map.groupBy(batch, yearOf)) {
        let number = await cases.reserveNumbers(
          setting.partnershipId,
          `reference-${year}`,
          ofYear.length,
        );
        for (const simulated of ofYear) {
          simulated.disagreement = {
            ...simulated.disagreement,
            reference: caseReference(setting.referencePrefix, year, number++),
          };
        }
      }
      await cases.insertMany(batch.map((simulated) => indexingOf(simulated, setting)));
      if (made + batch.length >= plan.cases) {
        await auditRepository(trx).append(
          auditFacts(
            plan.context,
            deps.clock.now(),
            'cases.generated',
            {
              type: 'partnership',
              id: setting.partnershipId,
              partnershipId: setting.partnershipId,
            },
            `${plan.cases} cases`,
          ),
        );
      }
    });
    made += batch.length;
    for (const simulated of batch) byStatus[simulated.disagreement.status]++;
    plan.onBatch?.(made);
  }
  return byStatus;
}

/** A partnership's rules and directory, read for the simulation. */
export async function partnershipSetting(deps: Deps, partnershipId: string) {
  const db = deps.database.db;
  const partnership = await partnershipRepository(db).get(partnershipId);
  if (!partnership) throw new Conflict('There is no such partnership');
  const { version, protocol } = await protocolOf(db, partnershipId);
  const organisations = organisationRepository(db);
  return {
    partnershipId,
    referencePrefix: partnership.referencePrefix,
    protocol,
    protocolVersion: version,
    calendar: calendarOf(partnership),
    agencies: await organisations.agencies(partnershipId),
    localAuthorities: await organisations.localAuthorities(partnershipId),
    people: await peopleRepository(db).inPartnership(partnershipId),
  };
}

const agencyPlan: readonly (readonly [AgencyKind, string, 'each' | 'shared', number])[] = [
  ['childrens-social-care', 'Children’s Social Care', 'each', 1],
  ['school', 'School', 'each', 6],
  ['gp-practice', 'Medical Practice', 'each', 3],
  ['early-years', 'Nursery', 'each', 1],
  ['police', 'Constabulary', 'shared', 1],
  ['health-trust', 'NHS Foundation Trust', 'shared', 2],
  ['housing', 'Housing Association', 'shared', 1],
  ['youth-justice', 'Youth Justice Service', 'shared', 1],
  ['voluntary', 'Family Support Charity', 'shared', 1],
];
const places = [
  'Ashbrook',
  'Bramley',
  'Calder',
  'Dunmore',
  'Elmfield',
  'Fenwick',
  'Glenmere',
  'Harwood',
];

/** A partnership of realistic size: two local authorities, 25 agencies, 8 people in each. */
async function generatedPartnership(
  deps: Deps,
  n: number,
  protocolId: BuiltInProtocolId,
  random: Random,
) {
  const context: RequestContext = { actor: null, via: 'cli', requestId: null };
  const { id } = await createPartnership(
    deps,
    {
      name: `${GENERATED_PARTNERSHIP} ${n}`,
      protocolSource: readFileSync(builtInProtocolFile(protocolId), 'utf8'),
    },
    context,
  );
  const db = deps.database.db;
  const organisations = organisationRepository(db);
  const people = peopleRepository(db);
  const at = isoInstant(deps.clock.now());
  const localAuthorities: LocalAuthority[] = ['North', 'South'].map((side) => ({
    id: randomUUID(),
    partnershipId: id,
    name: `${side} ${places[n % places.length]} Council`,
    frontDoorName: 'Children’s front door',
    monitoringTeamName: 'Partnership monitoring team',
    monitoringTeamEmail: null,
  }));
  for (const la of localAuthorities) await organisations.insertLocalAuthority(la);
  const agencies: Agency[] = [];
  for (const [kind, name, where, count] of agencyPlan) {
    for (const la of where === 'each' ? localAuthorities : [null]) {
      for (let k = 1; k <= count; k++) {
        agencies.push({
          id: randomUUID(),
          partnershipId: id,
          name: `${la ? `${la.name.replace(' Council', '')} ` : `${places[n % places.length]} `}${name}${count > 1 ? ` ${k}` : ''}`,
          kind,
          localAuthorityId: la?.id ?? null,
        });
      }
    }
  }
  let serial = 0;
  const person = async (
    agencyId: string | null,
    roles: Role[],
    lineManagerId: string | null,
    jobTitle: string,
  ) => {
    const first = random.pick(words.firstNames);
    const last = random.pick(words.lastNames);
    const made: Person = {
      id: randomUUID(),
      partnershipId: id,
      name: `${first} ${last}`,
      email: `generated-${n}-${++serial}@example.org`,
      jobTitle,
      telephone: null,
      agencyId,
      teamId: null,
      regionId: null,
      lineManagerId,
      roles,
      active: true,
    };
    await people.insert(made, at);
    return made;
  };
  for (const agency of agencies) {
    await organisations.insertAgency(agency);
    const senior = await person(agency.id, ['senior-manager'], null, 'Head of Service');
    await person(agency.id, ['safeguarding-lead'], senior.id, 'Designated safeguarding lead');
    for (let m = 0; m < 2; m++) {
      const manager = await person(agency.id, ['manager'], senior.id, 'Team manager');
      for (let p = 0; p < 2; p++)
        await person(agency.id, ['practitioner'], manager.id, 'Practitioner');
    }
  }
  await person(null, ['partnership-team'], null, 'Partnership business manager');
  await person(null, ['partnership-team'], null, 'Partnership officer');
  return id;
}

/**
 * `npm run generate`: a database filled with realistic cases over several years, for measuring
 * Accord at volume. Each partnership is new ("Generated partnership N"), and every case is made
 * by the case commands with the clock set for each step.
 */
export async function generateCases(
  deps: Deps,
  options: {
    cases: number;
    partnerships: number;
    years: number;
    seed: number;
    /** Which simulated cases are stored (all when not given), e.g. only open ones. */
    keep?: (simulated: SimulatedCase) => boolean;
    onProgress?: (made: number) => void;
  },
): Promise<GenerationSummary> {
  const started = performance.now();
  await prepareForBulkLoad(deps.database);
  const random = seededRandom(options.seed);
  const protocols: BuiltInProtocolId[] = [
    'pan-lancashire',
    'humber',
    'east-riding',
    'lincolnshire',
  ];
  const now = deps.clock.now();
  const window = {
    from: now.subtract({ hours: 24 * Math.round(365.25 * options.years) }),
    to: now,
  };
  const existing = (await partnershipRepository(deps.database.db).list()).filter((p) =>
    p.name.startsWith(GENERATED_PARTNERSHIP),
  ).length;
  const byStatus: Record<CaseStatus, number> = { open: 0, resolved: 0, closed: 0, withdrawn: 0 };
  let made = 0;
  for (let p = 0; p < options.partnerships; p++) {
    const id = await generatedPartnership(
      deps,
      existing + p + 1,
      protocols[p % protocols.length] as BuiltInProtocolId,
      random,
    );
    const setting = await partnershipSetting(deps, id);
    const share =
      Math.floor(options.cases / options.partnerships) +
      (p < options.cases % options.partnerships ? 1 : 0);
    const before = made;
    const stored = await storeSimulatedCases(deps, setting, {
      cases: share,
      window,
      random,
      ...(options.keep ? { keep: options.keep } : {}),
      context: { actor: null, via: 'cli', requestId: null },
      onBatch: (count) => options.onProgress?.(before + count),
    });
    for (const status of Object.keys(byStatus) as CaseStatus[]) {
      byStatus[status] += stored[status];
      made += stored[status];
    }
  }
  return {
    partnerships: options.partnerships,
    cases: made,
    byStatus,
    seconds: (performance.now() - started) / 1000,
  };
}

/** Generated cases go only where nothing else is: a database holding real partnerships is refused. */
export async function refuseUnlessGenerated(database: Database): Promise<void> {
  const others = (await partnershipRepository(database.db).list()).filter(
    (partnership) => !partnership.name.startsWith(GENERATED_PARTNERSHIP),
  );
  if (others.length > 0) {
    throw new Conflict(
      `This database holds partnerships that were not generated (${others.map((p) => p.name).join(', ')}): generate into an empty one`,
    );
  }
}
