import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { isoInstant } from '../../clock.ts';
import { NotAllowedNow } from '../../errors.ts';
import type { AgreedAction } from '../caseDocument.ts';
import { minutesAwaited, otherSideCanSee, partyAgencyIds } from '../disagreement.ts';
import { checkActionOwners } from './actionOwners.ts';
import {
  caseCommand,
  changed,
  notBefore,
  notInFuture,
  openStage,
  withHistory,
} from './caseCommand.ts';
import { id, instant, text } from './inputs.ts';

export const actionInput = z.strictObject({
  description: text(2000),
  ownerId: id,
  dueAt: instant,
});

/** One side (or a stage's chair) writes the agreed outcome and actions; the others confirm. */
export const proposeOutcome = caseCommand({
  name: 'outcome-proposed',
  ability: 'propose-outcome',
  refusal: 'Only the agencies in the disagreement, or the stage’s chair, can propose an outcome',
  input: z.strictObject({
    occurredAt: instant,
    agreedOutcome: text(10000),
    actions: z.array(actionInput).max(30),
  }),
  apply(disagreement, input, { rules, by, directory, access }) {
    checkActionOwners(
      disagreement,
      input.actions.map((action) => action.ownerId),
      { directory, access },
      (index) => `actions.${index}.ownerId`,
    );
    const current = openStage(disagreement, 'propose an outcome for');
    if (!otherSideCanSee(disagreement, rules.ladder)) {
      throw new NotAllowedNow(
        'This stage is inside your own agency: an outcome is agreed with the other agency once it is told, at the next stage',
      );
    }
    if (disagreement.resolution) {
      throw new NotAllowedNow(
        'An outcome is already waiting to be confirmed: confirm or reject it first',
      );
    }
    // The protocol says the meeting is minuted and its resolution recorded there: the minutes
    // come first, so the outcome the agencies confirm stands on the record of how it was agreed.
    if (minutesAwaited(disagreement, rules)) {
      throw new NotAllowedNow(
        'Record the minutes of this stage’s meeting first: the protocol says the meeting is minuted and the resolution recorded',
        { field: 'agreedOutcome' },
      );
    }
    notInFuture(input.occurredAt, rules, 'The date the outcome was agreed', 'occurredAt');
    notBefore(
      input.occurredAt,
      current.startedAt,
      'An outcome cannot be dated before the current stage started',
      'occurredAt',
    );
    const proposalId = randomUUID();
    const proposedByAgencyId =
      by.agencyId && partyAgencyIds(disagreement).includes(by.agencyId) ? by.agencyId : null;
    const actions = input.actions.map(
      (action): AgreedAction => ({
        id: randomUUID(),
        ...action,
        completedAt: null,
        createdBy: by.personId,
        createdAt: isoInstant(rules.now),
        proposalId,
      }),
    );
    return {
      disagreement: changed(disagreement, rules, {
        resolution: {
          id: proposalId,
          agreedOutcome: input.agreedOutcome,
          proposedBy: by.personId,
          proposedByAgencyId,
          proposedAt: input.occurredAt,
          confirmations: [],
        },
        actions: [...disagreement.actions, ...actions],
        history: withHistory(disagreement, {
          at: input.occurredAt,
          kind: 'outcome-proposed',
          personId: by.personId,
          text: `Outcome proposed: ${input.agreedOutcome}`,
        }),
      }),
      events: [{ type: 'OutcomeProposed', proposalId }],
    };
  },
});
