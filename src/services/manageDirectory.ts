import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { auditRepository } from '../db/repositories/auditRepository.ts';
import { organisationRepository } from '../db/repositories/organisationRepository.ts';
import { outboxRepository } from '../db/repositories/outboxRepository.ts';
import { peopleRepository } from '../db/repositories/peopleRepository.ts';
import { sessionRepository } from '../db/repositories/sessionRepository.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { canChangeRoles } from '../domain/access/can.ts';
import { isoInstant } from '../domain/clock.ts';
import { normaliseEmail } from '../domain/directory/directory.ts';
import { givenRoles, withLevel } from '../domain/directory/levels.ts';
import { Forbidden, Invalid, NotFound } from '../domain/errors.ts';
import type { AgencyKind, Role } from '../domain/vocabulary.ts';
import { type Deps, inTransaction, teamOf } from './directoryTransaction.ts';
import { checkedLevel, levelMisfitIn, levelsInForce } from './personLevels.ts';
import { refreshInvolvement } from './refreshInvolvement.ts';
import { auditFacts, type RequestContext } from './requestContext.ts';

// The partnership team's changes to its directory: each checks the right, checks what it
// refers to belongs to the partnership, and is audited in the same transaction.

export { addClosureDay, removeClosureDay, setWorkingTime } from './manageWorkingTime.ts';

export async function addLocalAuthority(
  deps: Deps,
  input: {
    name: string;
    frontDoorName: string;
    monitoringTeamName: string;
    monitoringTeamEmail: string | null;
  },
  context: RequestContext,
): Promise<string> {
  return inTransaction(
    deps,
    context,
    'local-authority.created',
    'local-authority',
    async (trx, partnershipId) => {
      const organisations = organisationRepository(trx);
      const id = randomUUID();
      await organisations.insertLocalAuthority({ id, partnershipId, ...input });
      return { id, result: id };
    },
  );
}

export async function addAgency(
  deps: Deps,
  input: { name: string; kind: AgencyKind; localAuthorityId: string | null },
  context: RequestContext,
): Promise<string> {
  return inTransaction(deps, context, 'agency.created', 'agency', async (trx, partnershipId) => {
    const organisations = organisationRepository(trx);
    if (
      input.localAuthorityId &&
      !(await organisations.localAuthorities(partnershipId)).some(
        (la) => la.id === input.localAuthorityId,
      )
    ) {
      throw new Invalid('Choose a local authority of this partnership', [
        { path: 'localAuthorityId', message: 'Choose a local authority of this partnership' },
      ]);
    }
    const id = randomUUID();
    await organisations.insertAgency({ id, partnershipId, ...input });
    return { id, result: id };
  });
}

export async function addOnCallContact(
  deps: Deps,
  input: { name: string; telephone: string; notes: string | null },
  context: RequestContext,
): Promise<string> {
  return inTransaction(
    deps,
    context,
    'on-call-contact.created',
    'on-call-contact',
    async (trx, partnershipId) => {
      const organisations = organisationRepository(trx);
      const position = (await organisations.onCallContacts(partnershipId)).length;
      const id = randomUUID();
      await organisations.insertOnCallContact({ id, partnershipId, ...input }, position);
      return { id, result: id };
    },
  );
}

export type NewPerson = {
  name: string;
  email: string;
  jobTitle: string | null;
  telephone: string | null;
  agencyId: string | null;
  lineManagerId: string | null;
  roles: Role[];
  /** A level of the protocol in force, by its id; its role is added to `roles`. */
  level?: string | null;
};

export async function addPerson(
  deps: Deps,
  input: NewPerson,
  context: RequestContext,
): Promise<string> {
  const { actor } = teamOf(context);
  if (!canChangeRoles(actor, [], input.roles)) {
    throw new Forbidden('Only an administrator can make someone an administrator');
  }
  return inTransaction(deps, context, 'person.created', 'person', async (trx, partnershipId) => {
    const people = peopleRepository(trx);
    if ((await people.emailsInUse([input.email])).size > 0) {
      throw new Invalid('That e-mail address is already in the directory', [
        { path: 'email', message: `${normaliseEmail(input.email)} is already in the directory` },
      ]);
    }
    await checkBelongs(trx, partnershipId, input.agencyId, input.lineManagerId);
    const level = await checkedLevel(trx, partnershipId, input.level ?? null, input.agencyId);
    const id = randomUUID();
    await people.insert(
      {
        id,
        partnershipId,
        ...input,
        ...withLevel(input.roles, level),
        level: level?.id ?? null,
        email: normaliseEmail(input.email),
        teamId: null,
        regionId: null,
        active: true,
      },
      isoInstant(deps.clock.now()),
    );
    // They may be whom a stage of an open case names (a service manager): assigned to it now.
    await refreshInvolvement(trx, partnershipId, [input.agencyId], deps.clock.now());
    return { id, result: id };
  });
}

async function checkBelongs(
  trx: Kysely<DatabaseSchema>,
  partnershipId: string,
  agencyId: string | null,
  lineManagerId: string | null,
): Promise<void> {
  if (
    agencyId &&
    !(await organisationRepository(trx).agencies(partnershipId)).some(
      (agency) => agency.id === agencyId,
    )
  ) {
    throw new Invalid('Choose an agency of this partnership', [
      { path: 'agencyId', message: 'Choose an agency of this partnership' },
    ]);
  }
  if (
    lineManagerId &&
    (await peopleRepository(trx).get(lineManagerId))?.partnershipId !== partnershipId
  ) {
    throw new Invalid('Choose a line manager in this partnership', [
      { path: 'lineManagerId', message: 'Choose a line manager in this partnership' },
    ]);
  }
}

/**
 * Changes a person's roles, and their level when `level` is given (null for none): the caller
 * has just re-entered their password (the page checks). `roles` are those given directly; the
 * level's role is added to them (and remembered as the level's when not among them); a change
 * of level is audited on its own.
 */
export async function setRoles(
  deps: Deps,
  input: { personId: string; roles: Role[]; level?: string | null },
  context: RequestContext,
): Promise<void> {
  const { actor } = teamOf(context);
  return inTransaction(
    deps,
    context,
    'person.roles-changed',
    'person',
    async (trx, partnershipId) => {
      const people = peopleRepository(trx);
      const person = await people.get(input.personId);
      if (!person || person.partnershipId !== partnershipId)
        throw new NotFound('There is no such person');
      if (!canChangeRoles(actor, givenRoles(person), input.roles)) {
        throw new Forbidden('Only an administrator can give or take away the administrator role');
      }
      const level =
        input.level === undefined
          ? (await levelsInForce(trx, partnershipId)).find((each) => each.id === person.level)
          : await checkedLevel(trx, partnershipId, input.level, person.agencyId);
      const stored = withLevel(input.roles, level);
      await people.setLevel(person.id, level?.id ?? null, stored.levelRole);
      if (input.level !== undefined && (level?.id ?? null) !== (person.level ?? null)) {
        await auditRepository(trx).append(
          auditFacts(context, deps.clock.now(), 'person.level-changed', {
            type: 'person',
            id: person.id,
            partnershipId,
          }),
        );
      }
      await people.setRoles(person.id, stored.roles);
      await refreshInvolvement(trx, partnershipId, [person.agencyId], deps.clock.now());
      return { id: person.id, result: undefined };
    },
  );
}

export async function addTeam(
  deps: Deps,
  input: { agencyId: string; name: string },
  context: RequestContext,
): Promise<string> {
  return inTransaction(deps, context, 'team.created', 'team', async (trx, partnershipId) => {
    await checkBelongs(trx, partnershipId, input.agencyId, null);
    const id = randomUUID();
    await organisationRepository(trx).insertTeam({ id, ...input });
    return { id, result: id };
  });
}

export async function addRegion(
  deps: Deps,
  input: { name: string },
  context: RequestContext,
): Promise<string> {
  return inTransaction(deps, context, 'region.created', 'region', async (trx, partnershipId) => {
    const id = randomUUID();
    await organisationRepository(trx).insertRegion({ id, partnershipId, name: input.name });
    return { id, result: id };
  });
}

/** A place the partnership meets at, which invitations may name (its address is optional). */
export async function addMeetingPlace(
  deps: Deps,
  input: { name: string; address: string | null },
  context: RequestContext,
): Promise<string> {
  return inTransaction(
    deps,
    context,
    'meeting-place.created',
    'meeting-place',
    async (trx, partnershipId) => {
      const id = randomUUID();
      await organisationRepository(trx).insertMeetingPlace({
        id,
        partnershipId,
        name: input.name,
        address: input.address,
      });
      return { id, result: id };
    },
  );
}

export type PersonChanges = {
  personId: string;
  name: string;
  jobTitle: string | null;
  telephone: string | null;
  agencyId: string | null;
  teamId: string | null;
  regionId: string | null;
  lineManagerId: string | null;
  active: boolean;
};

/** Changes a person's details; `active: false` signs them out everywhere and stops their tokens. */
export async function updatePerson(
  deps: Deps,
  input: PersonChanges,
  context: RequestContext,
): Promise<void> {
  return inTransaction(
    deps,
    context,
    input.active ? 'person.changed' : 'person.deactivated',
    'person',
    async (trx, partnershipId) => {
      const people = peopleRepository(trx);
      const person = await people.get(input.personId);
      if (!person || person.partnershipId !== partnershipId)
        throw new NotFound('There is no such person');
      await checkBelongs(trx, partnershipId, input.agencyId, input.lineManagerId);
      // A level is of some kinds of agency: one that would no longer fit is changed first.
      const misfit =
        input.agencyId !== person.agencyId &&
        (await levelMisfitIn(trx, partnershipId, person.level ?? null, input.agencyId));
      if (misfit) {
        const message = `${misfit}: change their level first`;
        throw new Invalid(message, [{ path: 'agencyId', message }]);
      }
      if (input.lineManagerId === person.id) {
        throw new Invalid('A person cannot be their own line manager', [
          { path: 'lineManagerId', message: 'A person cannot be their own line manager' },
        ]);
      }
      if (
        input.lineManagerId &&
        (await people.managerChain(input.lineManagerId)).includes(person.id)
      ) {
        throw new Invalid('That would make a loop of line managers', [
          {
            path: 'lineManagerId',
            message: `${person.name} is above that person in their line management`,
          },
        ]);
      }
      const organisations = organisationRepository(trx);
      if (
        input.teamId &&
        !(await organisations.teams(partnershipId)).some(
          (t) => t.id === input.teamId && t.agencyId === input.agencyId,
        )
      ) {
        throw new Invalid('Choose a team of the person’s agency', [
          { path: 'teamId', message: 'Choose a team of the person’s agency' },
        ]);
      }
      if (
        input.regionId &&
        !(await organisations.regions(partnershipId)).some((r) => r.id === input.regionId)
      ) {
        throw new Invalid('Choose a region of this partnership', [
          { path: 'regionId', message: 'Choose a region of this partnership' },
        ]);
      }
      const { personId, ...changes } = input;
      await people.update(personId, changes);
      if (!input.active) {
        await sessionRepository(trx).deleteForPerson(personId);
        // Someone who has left hears nothing more: what waited for them is not sent.
        await outboxRepository(trx).drop({ personId }, isoInstant(deps.clock.now()));
      }
      await refreshInvolvement(
        trx,
        partnershipId,
        [person.agencyId, input.agencyId],
        deps.clock.now(),
      );
      return { id: personId, result: undefined };
    },
  );
}
