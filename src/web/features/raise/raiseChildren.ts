import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { formatDate } from '../../../domain/calendar/formatting.ts';
import type { FormErrors } from '../../../forms/fields.ts';
import { bodyOf, checkFields } from '../../../forms/form.ts';
import type { Services } from '../../../services.ts';
import { answersOr } from '../../plugins/keptAnswers.ts';
import { mayVisit, nextStep, type RaiseDraft, stepPath } from './raiseDraft.ts';
import { childFields, childRules } from './raiseFields.ts';
import { flowOf, saveAndContinue, saveDraft, showQuestion, today } from './raiseFlow.ts';

const MOST_CHILDREN = 20;

/** What the children page's buttons ask for: add the child typed in, remove one, or go on. */
const childrenAction = z.object({
  action: z.enum(['add', 'continue']).optional().default('continue'),
  remove: z
    .string()
    .regex(/^\d{1,2}$/)
    .transform(Number)
    .optional(),
});

/** The children: added one at a time, each removable, at least one. */
export function raiseChildren(app: FastifyInstance, services: Services) {
  // 4. The children: added one at a time, each removable, at least one.
  const childrenContext = (draft: RaiseDraft) => ({
    children: draft.children.map((child, index) => ({
      index,
      name: `${child.firstName} ${child.lastName}`,
      born: child.dateOfBirth
        ? `Born ${formatDate(Temporal.PlainDate.from(child.dateOfBirth))}`
        : `Due ${formatDate(Temporal.PlainDate.from(child.expectedDueDate ?? ''))}`,
    })),
    full: draft.children.length >= MOST_CHILDREN,
  });
  app.get(stepPath('children'), async (request, reply) => {
    const { draft, flow } = await flowOf(services, request);
    if (!mayVisit(draft, flow, 'children')) {
      return reply.redirect(stepPath(nextStep(draft, flow)), 303);
    }
    return showQuestion(
      reply,
      'children',
      flow,
      // The child typed in but not yet added comes back when the session ended before it was.
      { fields: childFields(), values: answersOr(request, {}) },
      childrenContext(draft),
    );
  });
  app.post(stepPath('children'), async (request, reply) => {
    const { draft, flow, protocol } = await flowOf(services, request);
    if (!mayVisit(draft, flow, 'children')) {
      return reply.redirect(stepPath(nextStep(draft, flow)), 303);
    }
    const body = bodyOf(request.body);
    const buttons = childrenAction.safeParse({ action: body.action, remove: body.remove });
    const action = buttons.success ? buttons.data : { action: 'continue' as const };
    if (buttons.success && buttons.data.remove !== undefined) {
      draft.children = draft.children.filter((_, index) => index !== buttons.data.remove);
      if (draft.children.length === 0) delete draft.childrenComplete;
      saveDraft(request, draft);
      return reply.redirect(stepPath('children'), 303);
    }
    const typed = ['firstName', 'lastName', 'born', 'dateOfBirth', 'expectedDueDate'].some(
      (field) =>
        [body[field], body[`${field}-day`], body[`${field}-month`], body[`${field}-year`]].some(
          (value) => value !== undefined && (typeof value !== 'string' || value.trim() !== ''),
        ),
    );
    // "Continue" with the boxes left empty goes on with the children already added.
    if (typed || action.action === 'add' || draft.children.length === 0) {
      const fields = childFields();
      const form = checkFields(fields, body, {}, childRules(today(services, protocol)));
      const errors: FormErrors = form.ok ? {} : form.errors;
      if (form.ok && draft.children.length >= MOST_CHILDREN) {
        errors.firstName = `You can add up to ${MOST_CHILDREN} children`;
      }
      if (!form.ok || Object.keys(errors).length > 0) {
        return showQuestion(
          reply,
          'children',
          flow,
          { fields, values: body, errors },
          childrenContext(draft),
        );
      }
      const child = form.values;
      draft.children = [
        ...draft.children,
        {
          firstName: child.firstName,
          lastName: child.lastName,
          // Only the date under the answer chosen was read: the other is undefined.
          dateOfBirth: child.dateOfBirth?.toString() ?? null,
          expectedDueDate: child.expectedDueDate?.toString() ?? null,
        },
      ];
    }
    if (action.action === 'add') {
      saveDraft(request, draft);
      return reply.redirect(stepPath('children'), 303);
    }
    return saveAndContinue(request, reply, { ...draft, childrenComplete: true }, flow);
  });
}
