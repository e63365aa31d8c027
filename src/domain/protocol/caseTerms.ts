import type { LocalAuthority } from '../directory/directory.ts';
import type { Protocol } from './protocolSchema.ts';

// The words a case is told in. A partnership's protocol names a front door and a monitoring
// team, but a partnership of several councils has one of each per council: a Blackpool case
// goes to the Request for Support Hub and is monitored by MASA, a Lancashire one by the MASH
// and CSAP. The case's local authority's names win; the protocol's stand only for a case of no
// local authority. Every case page, message and form reads them from here (through the case's
// rules, services/caseRules.ts), never from protocol.terms directly.

export type CaseTerms = Protocol['terms'];

type Names = Pick<LocalAuthority, 'frontDoorName' | 'monitoringTeamName'>;

/** The protocol's terms with the case's local authority's front door and monitoring team. */
export function caseTerms(
  protocol: Pick<Protocol, 'terms'>,
  localAuthority: Names | null | undefined,
): CaseTerms {
  if (!localAuthority) return protocol.terms;
  return {
    ...protocol.terms,
    frontDoor: localAuthority.frontDoorName.trim() || protocol.terms.frontDoor,
    monitoringTeam: localAuthority.monitoringTeamName.trim() || protocol.terms.monitoringTeam,
  };
}

/** The protocol as a case of this local authority reads it: the same, in the case's terms. */
export function withCaseTerms<P extends Pick<Protocol, 'terms'>>(
  protocol: P,
  localAuthority: Names | null | undefined,
): P {
  return localAuthority ? { ...protocol, terms: caseTerms(protocol, localAuthority) } : protocol;
}
