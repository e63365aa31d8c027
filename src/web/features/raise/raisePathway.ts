import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ladderFor } from '../../../domain/protocol/ladder.ts';
import { allowedPathways, pathwayByRules } from '../../../domain/protocol/pathwayChoice.ts';
import type { Protocol } from '../../../domain/protocol/protocolSchema.ts';
import { radiosField } from '../../../forms/fields.ts';
import type { Services } from '../../../services.ts';
import type { RaiseDraft } from './raiseDraft.ts';
import { questionPage } from './raiseFlow.ts';

/** The pathways this draft may take, the protocol's rules' first (pathwayChoice.ts). */
function choicesFor(protocol: Protocol, draft: RaiseDraft): string[] {
  if (!draft.category) return [];
  return allowedPathways(protocol, {
    category: draft.category,
    urgent: draft.when?.urgent ?? false,
  });
}

/**
 * A pathway chosen before the person said whether the child is at immediate risk is asked
 * again when that answer changes the route the protocol's rules give (its urgent route's
 * pathway), so the urgent route is always offered, first; and it is forgotten when an urgent
 * case may not take it.
 */
export function forgetPathwayNotAllowed(
  protocol: Protocol,
  draft: RaiseDraft,
  wasUrgent: boolean | undefined,
) {
  if (draft.pathway === undefined || !draft.category) return;
  const urgent = draft.when?.urgent ?? false;
  const ruledBefore = pathwayByRules(protocol, { category: draft.category, urgent: !!wasUrgent });
  const ruledNow = pathwayByRules(protocol, { category: draft.category, urgent });
  if (ruledBefore !== ruledNow || !choicesFor(protocol, draft).includes(draft.pathway)) {
    delete draft.pathway;
  }
}

export const pathwayFields = (choices: { value: string; text: string; hint?: string }[]) => ({
  pathway: radiosField({
    label: 'Which route does this disagreement take?',
    hint: 'Your protocol offers more than one route for this disagreement. Each has its own stages.',
    size: 'l',
    pageHeading: true,
    choices,
    schema: z.string({ error: 'Select which route the disagreement takes' }),
  }),
});

/**
 * 3b. Which pathway the disagreement takes, asked only when the protocol offers a choice for
 * its category and urgency (a pathway the raiser may choose).
 */
export function raisePathway(app: FastifyInstance, services: Services) {
  questionPage(app, services, 'pathway', {
    fields: (_request, { protocol, draft }) =>
      pathwayFields(
        choicesFor(protocol, draft).map((pathwayId) => {
          const ladder = ladderFor(protocol, pathwayId);
          return {
            value: pathwayId,
            text: ladder.pathwayName,
            ...(ladder.guidance ? { hint: ladder.guidance } : {}),
          };
        }),
      ),
    current: ({ draft }) => ({ pathway: draft.pathway }),
    keep: async (_request, { draft, protocol }, values) => {
      if (!choicesFor(protocol, draft).includes(values.pathway)) {
        return { pathway: 'Select which route the disagreement takes' };
      }
      draft.pathway = values.pathway;
      return undefined;
    },
  });
}
