import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Database } from '../src/db/database.ts';
import { accountRepository } from '../src/db/repositories/accountRepository.ts';
import { organisationRepository } from '../src/db/repositories/organisationRepository.ts';
import { peopleRepository } from '../src/db/repositories/peopleRepository.ts';
import { hashPassword } from '../src/domain/accounts/passwordHash.ts';
import { fixedClock } from '../src/domain/clock.ts';
import type { Agency, Person } from '../src/domain/directory/directory.ts';
import type { AgencyKind } from '../src/domain/vocabulary.ts';
import { type BuiltInProtocolId, builtInProtocolFile } from '../src/protocols/builtInProtocols.ts';
import { createPartnership } from '../src/services/createPartnership.ts';
import { commandLine } from '../src/services/requestContext.ts';

// Invented people only, in example.org. Each call makes new, unique records.

export const TEST_PASSWORD = 'correct horse battery staple';
let sequence = 0;
const next = () => `${process.pid}-${++sequence}`;
const clock = fixedClock('2026-11-24T09:00:00Z');

export async function aPartnership(
  database: Database,
  overrides: { name?: string; protocolId?: BuiltInProtocolId } = {},
): Promise<{ id: string }> {
  const protocolSource = readFileSync(
    builtInProtocolFile(overrides.protocolId ?? 'pan-lancashire'),
    'utf8',
  );
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
      await hashPassword(password),
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
  overrides: { protocolId?: BuiltInProtocolId } = {},
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
