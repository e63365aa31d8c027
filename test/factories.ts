import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Database } from '../src/db/database.ts';
import { accountRepository } from '../src/db/repositories/accountRepository.ts';
import { organisationRepository } from '../src/db/repositories/organisationRepository.ts';
import { peopleRepository } from '../src/db/repositories/peopleRepository.ts';
import { hashPassword } from '../src/domain/accounts/passwordHash.ts';
import { fixedClock } from '../src/domain/clock.ts';
import type { Agency, Person } from '../src/domain/directory/directory.ts';
import { escalate } from '../src/domain/disagreement/actions/escalate.ts';
import type { Disagreement } from '../src/domain/disagreement/disagreement.ts';
import type { AgencyKind } from '../src/domain/vocabulary.ts';
import { type BuiltInProtocolId, builtInProtocolFile } from '../src/protocols/builtInProtocols.ts';
import type { CaseDeps } from '../src/services/caseDeps.ts';
import { createPartnership } from '../src/services/createPartnership.ts';
import { loadActor } from '../src/services/loadActor.ts';
import { type RaiseRequest, raiseDisagreement } from '../src/services/raiseDisagreement.ts';
import { commandLine, type RequestContext } from '../src/services/requestContext.ts';
import { runCaseAction } from '../src/services/runCaseAction.ts';

// Invented people only, in example.org. Each call makes new, unique records.

export const TEST_PASSWORD = 'correct horse battery staple';

// argon2id at its real cost takes tens of milliseconds, and the cast of a case test has a dozen
// people: each password is hashed once per test process and its hash given to every account
// with it. Signing in still checks the password against that hash at the real cost.
const hashes = new Map<string, Promise<string>>();
function hashOf(password: string): Promise<string> {
  let hash = hashes.get(password);
  if (!hash) {
    hash = hashPassword(password);
    hashes.set(password, hash);
  }
  return hash;
}
let sequence = 0;
const next = () => `${process.pid}-${++sequence}`;
const clock = fixedClock('2026-11-24T09:00:00Z');

export async function aPartnership(
  database: Database,
  overrides: { name?: string; protocolId?: BuiltInProtocolId; protocolSource?: string } = {},
): Promise<{ id: string }> {
  const protocolSource =
    overrides.protocolSource ??
    readFileSync(builtInProtocolFile(overrides.protocolId ?? 'pan-lancashire'), 'utf8');
  return createPartnership(
    { database, clock },
    { name: overrides.name ?? `Test partnership ${next()}`, protocolSource },
    commandLine,
  );
}

export async function anAgency(
  database: Database,
  partnershipId: string,
  overrides: Partial<Omit<Agency, 'id' | 'partnershipId'>> = {},
): Promise<Agency> {
  const agency: Agency = {
    id: randomUUID(),
    partnershipId,
    name: overrides.name ?? `Agency ${next()}`,
    kind: overrides.kind ?? ('school' satisfies AgencyKind),
    localAuthorityId: overrides.localAuthorityId ?? null,
  };
  await organisationRepository(database.db).insertAgency(agency);
  return agency;
}

/** A person who can sign in with TEST_PASSWORD unless `password: null`. */
export async function aPerson(
  database: Database,
  overrides: Partial<Omit<Person, 'id'>> & { password?: string | null } = {},
): Promise<Person> {
  const n = next();
  const person: Person = {
    id: randomUUID(),
    partnershipId: overrides.partnershipId ?? null,
    name: overrides.name ?? `Test Person ${n}`,
    email: overrides.email ?? `person-${n}@example.org`,
    jobTitle: overrides.jobTitle ?? null,
    telephone: overrides.telephone ?? null,
    agencyId: overrides.agencyId ?? null,
    teamId: null,
    regionId: null,
    lineManagerId: overrides.lineManagerId ?? null,
    roles: overrides.roles ?? ['practitioner'],
    active: overrides.active ?? true,
  };
  await peopleRepository(database.db).insert(person, '2026-11-24T09:00:00.000Z');
  const password = overrides.password === undefined ? TEST_PASSWORD : overrides.password;
  if (password !== null) {
    await accountRepository(database.db).setPasswordHash(
      person.id,
      await hashOf(password),
      '2026-11-24T09:00:00.000Z',
    );
  }
  return person;
}

/** A database past first-run setup: a partnership with its administrator. */
export async function setUpAccord(
  database: Database,
): Promise<{ partnershipId: string; admin: Person }> {
  const partnership = await aPartnership(database);
  const admin = await aPerson(database, {
    partnershipId: partnership.id,
    roles: ['admin', 'partnership-team'],
  });
  return { partnershipId: partnership.id, admin };
}

/**
 * A partnership with two agencies, each with a practitioner → manager → senior manager chain
 * and a safeguarding lead, and a partnership team member: the cast of most case tests.
 */
export async function aDisagreementCast(
  database: Database,
  overrides: { protocolId?: BuiltInProtocolId; protocolSource?: string } = {},
) {
  const partnership = await aPartnership(database, overrides);
  const partnershipId = partnership.id;
  async function agencyWithChain(kind: AgencyKind) {
    const agency = await anAgency(database, partnershipId, { kind });
    const senior = await aPerson(database, {
      partnershipId,
      agencyId: agency.id,
      roles: ['senior-manager'],
    });
    const manager = await aPerson(database, {
      partnershipId,
      agencyId: agency.id,
      lineManagerId: senior.id,
      roles: ['manager'],
    });
    const practitioner = await aPerson(database, {
      partnershipId,
      agencyId: agency.id,
      lineManagerId: manager.id,
      roles: ['practitioner'],
    });
    const lead = await aPerson(database, {
      partnershipId,
      agencyId: agency.id,
      roles: ['safeguarding-lead'],
    });
    const colleague = await aPerson(database, { partnershipId, agencyId: agency.id });
    return { agency, senior, manager, practitioner, lead, colleague };
  }
  const school = await agencyWithChain('school');
  const socialCare = await agencyWithChain('childrens-social-care');
  const team = await aPerson(database, { partnershipId, roles: ['partnership-team'] });
  const admin = await aPerson(database, { partnershipId: null, roles: ['admin'] });
  return { partnershipId, school, socialCare, team, admin };
}

export type Cast = Awaited<ReturnType<typeof aDisagreementCast>>;

/** Where a case is raised: a cast, or just a partnership (then say who raises it, and with whom). */
export type CaseSetting = { partnershipId: string } & Partial<Pick<Cast, 'school' | 'socialCare'>>;

/** Who a person is to the use cases: their actor, as a session or a token would load it. */
export async function contextOf(database: Database, person: Person): Promise<RequestContext> {
  return { actor: await loadActor(database, person.id), via: 'api', requestId: null };
}

/**
 * A case raised through the real use case: by the cast's school practitioner with children's
 * social care (and its practitioner named) unless told otherwise, then escalated as told.
 */
export async function aCase(
  deps: CaseDeps,
  cast: CaseSetting,
  options: Partial<Omit<RaiseRequest, 'partnershipId'>> & {
    by?: Person;
    /** Who raises it, as the use case sees them, where the caller already holds it. */
    context?: RequestContext;
    /** The other professional named; null names nobody. */
    otherPerson?: Person | null;
    escalations?: {
      at: string;
      by?: Person;
      toStageKey?: string;
      reason?: string;
      writtenAccount?: string;
    }[];
  } = {},
): Promise<Disagreement> {
  const { by, context, otherPerson, escalations, ...overrides } = options;
  const named = otherPerson === undefined ? (cast.socialCare?.practitioner ?? null) : otherPerson;
  const raiser = by ?? cast.school?.practitioner;
  if (!raiser && !context) throw new Error('aCase: say who raises it (by)');
  let disagreement = await raiseDisagreement(
    deps,
    {
      partnershipId: cast.partnershipId,
      raisedAt: '2026-11-23T14:00:00Z',
      otherAgencyIds: cast.socialCare ? [cast.socialCare.agency.id] : [],
      ...(named ? { otherPersonId: named.id } : {}),
      category: 'threshold',
      urgent: false,
      children: [{ firstName: 'Robin', lastName: 'Example' }],
      summary: 'The referral was not accepted although the school sees neglect.',
      impactOnChild: 'Robin comes to school hungry.',
      desiredOutcome: 'A child and family assessment.',
      ...overrides,
    },
    context ?? (await contextOf(deps.database, raiser as Person)),
  );
  for (const step of escalations ?? []) {
    disagreement = await runCaseAction(
      deps,
      escalate,
      {
        id: disagreement.id,
        version: disagreement.version,
        input: {
          occurredAt: step.at,
          reason: step.reason ?? 'No agreement',
          ...(step.toStageKey ? { toStageKey: step.toStageKey } : {}),
          ...(step.writtenAccount ? { writtenAccount: step.writtenAccount } : {}),
        },
      },
      await contextOf(deps.database, (step.by ?? cast.school?.senior) as Person),
    );
  }
  return disagreement;
}

/** A case action as tests write it: on this case, this command with this input, by this person, at this time. */
export type ActStep = [
  disagreement: Disagreement,
  command: Parameters<typeof runCaseAction>[1],
  input: Record<string, unknown>,
  by: Person,
  at: string,
];

/**
 * Takes a case action as the runner takes it for a page or the API: the test's fixed clock set
 * to the moment, the action run on the case's current version as that person.
 */
export async function actAt(
  deps: CaseDeps & { clock: { set(at: string): void } },
  ...[disagreement, command, input, by, at]: ActStep
): Promise<Disagreement> {
  deps.clock.set(at);
  return runCaseAction(
    deps,
    command,
    { id: disagreement.id, version: disagreement.version, input: input as never },
    await contextOf(deps.database, by),
  );
}
