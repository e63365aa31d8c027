import { type Actor, canInPartnership, type PartnershipAction } from '../domain/access/can.ts';
import { Forbidden, NotFound } from '../domain/errors.ts';

/**
 * The partnership team's own pages and figures (reports, the monitoring inbox, the learning
 * log): anyone outside the partnership is told it does not exist (404), anyone in it who is
 * not its team that they may not (403).
 */
export function mustBePartnershipTeam(
  actor: Actor | null,
  action: PartnershipAction,
  partnershipId: string,
  refusal: string,
): Actor {
  if (!actor || actor.partnershipId !== partnershipId) {
    throw new NotFound('There is no such partnership');
  }
  if (!canInPartnership(actor, action, partnershipId)) throw new Forbidden(refusal);
  return actor;
}

/** The team of the person's own partnership, for its own pages: who asks, and which partnership. */
export function ownPartnershipTeam(
  actor: Actor | null,
  refusal: string,
): { actor: Actor; partnershipId: string } {
  const partnershipId = actor?.partnershipId ?? '';
  return {
    actor: mustBePartnershipTeam(actor, 'view-reports', partnershipId, refusal),
    partnershipId,
  };
}
