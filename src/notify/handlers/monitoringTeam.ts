import type { Person } from '../../domain/directory/directory.ts';
import type { MessageFacts } from './messageIntent.ts';

/** The local authority's monitoring team's inbox; without one, its partnership team hears. */
export function monitoringTeam(facts: MessageFacts): readonly Person[] | { address: string } {
  const address = facts.localAuthority?.monitoringTeamEmail;
  return address ? { address } : facts.partnershipTeam;
}

export function monitoringTeamName(facts: MessageFacts): string {
  return facts.localAuthority?.monitoringTeamName ?? facts.rules.protocol.terms.monitoringTeam;
}
