import type { Person } from '../directory/directory.ts';
import { type Role, roles } from '../vocabulary.ts';

/**
 * Who may see and do what (product.md, "Who may see and do what"): the one
 * place rights are decided. Code asks about abilities, never about roles.
 */

export type Actor = {
  personId: string;
  /** Null for an installation's administrators, who belong to no one partnership. */
  partnershipId: string | null;
  agencyId: string | null;
  roles: ReadonlySet<Role>;
  /** For pages and re-authentication only: rights never depend on these. */
  name?: string;
  email?: string;
};

/** A person of the directory as the access rules see them. */
export function actorOf(person: Person): Actor {
  return {
    personId: person.id,
    partnershipId: person.partnershipId,
    agencyId: person.agencyId,
    roles: new Set(person.roles),
  };
}

/** Whether a person of the directory may see the case now: who may be told of it. */
export function maySee(person: Person, access: CaseAccess): boolean {
  return person.active && can(actorOf(person), 'view', access);
}

/** What about a case decides who may see and do what with it. */
export type CaseAccess = {
  partnershipId: string;
  raiserId: string;
  raiserAgencyId: string;
  otherAgencyIds: readonly string[];
  /** Everyone named or assigned on the case: the raiser, the other professional, people assigned at a stage. */
  involved: readonly {
    personId: string;
    agencyId: string | null;
    chair: boolean;
    /** Of the partnership's own people taking the stage the case is at (sides: partnership). */
    takesStage?: boolean;
  }[];
  /** For each involved person, everyone above them in their line-management chain, nearest first. */
  chains: ReadonlyMap<string, readonly string[]>;
  /** False while the case has only been at stages inside the raising agency (East Riding stage 1). */
  otherSideCanSee: boolean;
  /** The agency that proposed the outcome now awaiting confirmation, if any. */
  proposedByAgencyId: string | null;
};

export const caseActions = [
  'view',
  'record',
  'escalate',
  'propose-outcome',
  'confirm-outcome',
  'set-child-deadline',
  'withdraw',
  'close',
  'arrange-meeting',
  'tell-partnership-team',
  'acknowledge',
  'refer-lesson',
  'complete-monitoring-form',
] as const;
export type CaseAction = (typeof caseActions)[number];

export const partnershipActions = [
  'raise',
  'read-directory',
  'manage-directory',
  'manage-protocol',
  'view-reports',
  'view-audit',
] as const;
export type PartnershipAction = (typeof partnershipActions)[number];

export type Relationship =
  | 'raiser-side'
  | 'other-side'
  | 'stage-participant'
  | 'stage-chair'
  | 'stage-taker'
  | 'raiser-manager'
  | 'partnership-team';

/** How the actor stands to the case; a person can stand in several ways at once. */
export function relationshipsTo(actor: Actor, access: CaseAccess): Set<Relationship> {
  const relationships = new Set<Relationship>();
  if (actor.roles.has('partnership-team') && actor.partnershipId === access.partnershipId) {
    relationships.add('partnership-team');
  }
  const partyAgencies = [access.raiserAgencyId, ...access.otherAgencyIds];
  if (isOnSideOf(actor, access.raiserAgencyId, access)) relationships.add('raiser-side');
  if (
    access.otherSideCanSee &&
    access.otherAgencyIds.some((agencyId) => isOnSideOf(actor, agencyId, access))
  ) {
    relationships.add('other-side');
  }
  for (const person of access.involved) {
    if (person.personId !== actor.personId) continue;
    if (person.agencyId === null || !partyAgencies.includes(person.agencyId)) {
      relationships.add('stage-participant');
      if (person.chair) relationships.add('stage-chair');
      if (person.takesStage) relationships.add('stage-taker');
    }
  }
  const raiserChain = access.chains.get(access.raiserId) ?? [];
  const seniorInRaiserAgency =
    actor.agencyId === access.raiserAgencyId && actor.roles.has('senior-manager');
  if (
    raiserChain.includes(actor.personId) ||
    (seniorInRaiserAgency && actor.personId !== access.raiserId)
  ) {
    relationships.add('raiser-manager');
  }
  return relationships;
}

/**
 * A party agency's side: its people named or assigned on the case, everyone above them in
 * their line-management chains, and the agency's senior managers and safeguarding leads.
 */
function isOnSideOf(actor: Actor, agencyId: string, access: CaseAccess): boolean {
  if (
    actor.agencyId === agencyId &&
    (actor.roles.has('senior-manager') || actor.roles.has('safeguarding-lead'))
  ) {
    return true;
  }
  return access.involved.some(
    (person) =>
      person.agencyId === agencyId &&
      (person.personId === actor.personId ||
        (access.chains.get(person.personId) ?? []).includes(actor.personId)),
  );
}

/** The agency on whose behalf the actor acts in the case: their own, if it is a party. */
function partyAgencyOf(actor: Actor, access: CaseAccess, relationships: Set<Relationship>) {
  if (relationships.has('raiser-side') && actor.agencyId === access.raiserAgencyId)
    return actor.agencyId;
  if (
    relationships.has('other-side') &&
    actor.agencyId &&
    access.otherAgencyIds.includes(actor.agencyId)
  ) {
    return actor.agencyId;
  }
  if (relationships.has('raiser-side')) return access.raiserAgencyId;
  return null;
}

/** The party agency the actor speaks for when proposing or confirming an outcome, if any. */
export function actingAgencyOf(actor: Actor, access: CaseAccess): string | null {
  return partyAgencyOf(actor, access, relationshipsTo(actor, access));
}

export function can(actor: Actor, action: CaseAction, access: CaseAccess): boolean {
  const is = relationshipsTo(actor, access);
  const side = is.has('raiser-side') || is.has('other-side');
  switch (action) {
    case 'view':
    case 'record':
      return side || is.has('stage-participant') || is.has('partnership-team');
    case 'escalate':
      return side;
    // A stage's chair, and the partnership's people at a stage it takes itself (its business
    // unit, its scrutiny panel): every party agency then confirms.
    case 'propose-outcome':
      return side || is.has('stage-chair') || is.has('stage-taker');
    case 'confirm-outcome': {
      const agency = partyAgencyOf(actor, access, is);
      return side && agency !== null && agency !== access.proposedByAgencyId;
    }
    case 'set-child-deadline':
    case 'close':
      return side || is.has('partnership-team');
    case 'withdraw':
      return is.has('raiser-manager') || is.has('partnership-team');
    // A stage's chaired meeting: arranged by the parties or the partnership team (who convene
    // panels), its minutes recorded by them or by its chair.
    case 'arrange-meeting':
      return side || is.has('partnership-team') || is.has('stage-chair');
    // The partnership team told of a case at any stage (Pan-Lancashire: a life-threatening
    // situation where an agency maintains non-involvement); its team acknowledges it.
    case 'tell-partnership-team':
      return side || is.has('stage-participant');
    case 'acknowledge':
      return is.has('partnership-team');
    // A learning point for the partnership (Lincolnshire step 4b: the SLOs refer them).
    case 'refer-lesson':
      return side || is.has('stage-participant') || is.has('partnership-team');
    // The escalating agency completes it (protocols.md): the parties, as they escalate.
    case 'complete-monitoring-form':
      return side;
  }
}

/** Whether the actor may act on a partnership's directory, protocol, reports or audit. */
export function canInPartnership(
  actor: Actor,
  action: PartnershipAction,
  partnershipId: string,
): boolean {
  const teamOfIt = actor.roles.has('partnership-team') && actor.partnershipId === partnershipId;
  switch (action) {
    // A disagreement is between agencies: only someone who works for one of the partnership's raises one.
    case 'raise':
      return actor.partnershipId === partnershipId && actor.agencyId !== null;
    case 'read-directory':
      return actor.roles.has('admin') || actor.partnershipId === partnershipId;
    default:
      return teamOfIt;
  }
}

/** Accounts and API tokens: administrators manage everyone's; anyone manages their own tokens. */
export function canManageAccounts(actor: Actor): boolean {
  return actor.roles.has('admin');
}

/** The roles this actor may give or take away: the administrator role only an administrator may. */
export function grantableRoles(actor: Actor): Role[] {
  return roles.filter((role) => role !== 'admin' || canManageAccounts(actor));
}

/** Whether the actor may change someone's roles from `before` to `after`. */
export function canChangeRoles(
  actor: Actor,
  before: readonly Role[],
  after: readonly Role[],
): boolean {
  const grantable = new Set(grantableRoles(actor));
  const changed = roles.filter((role) => before.includes(role) !== after.includes(role));
  return changed.every((role) => grantable.has(role));
}

/** The administrator role is given by an administrator, never by a file of people. */
export function grantsAdministration(given: readonly Role[]): boolean {
  return given.includes('admin');
}

export function canManageTokensOf(actor: Actor, personId: string): boolean {
  return actor.personId === personId || actor.roles.has('admin');
}
