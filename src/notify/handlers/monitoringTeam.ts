import type { Person } from '../../domain/directory/directory.ts';
import { caseTerms } from '../../domain/protocol/caseTerms.ts';
import type { MessageFacts } from './messageIntent.ts';

/** The local authority's monitoring team's inbox; without one, its partnership team hears. */
export function monitoringTeam(facts: MessageFacts): readonly Person[] | { address: string } {
  const address = facts.localAuthority?.monitoringTeamEmail;
  return address ? { address } : facts.partnershipTeam;
}

/** The case's monitoring team by name: its local authority's (MASA for Blackpool), else the protocol's. */
export function monitoringTeamName(facts: MessageFacts): string {
  return caseTerms(facts.rules.protocol, facts.localAuthority).monitoringTeam;
}
