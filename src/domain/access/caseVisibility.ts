import type { Actor } from './can.ts';

/**
 * Who a person is for the purpose of finding the cases they may see: the rule of can()'s
 * 'view', in the form the case repository turns into SQL, so that lists, searches and counts
 * show exactly the cases can() would let the person open.
 */
export type CaseVisibility = {
  personId: string;
  partnershipId: string | null;
  /** The partnership whose every case the person sees as its partnership team, if any. */
  teamOf: string | null;
  /** The person's agency, when they are its senior manager or safeguarding lead. */
  agencyWide: string | null;
  /** Everyone below the person in line management: they stand on the side of those people. */
  reports: readonly string[];
};

export function caseVisibilityOf(actor: Actor, reports: readonly string[]): CaseVisibility {
  const agencyWide =
    actor.agencyId && (actor.roles.has('senior-manager') || actor.roles.has('safeguarding-lead'))
      ? actor.agencyId
      : null;
  return {
    personId: actor.personId,
    partnershipId: actor.partnershipId,
    teamOf: actor.roles.has('partnership-team') ? actor.partnershipId : null,
    agencyWide,
    reports,
  };
}
