import { z } from 'zod';
import { monitoringAnswersRepository } from '../db/repositories/monitoringAnswersRepository.ts';
import { can } from '../domain/access/can.ts';
import type { Disagreement } from '../domain/disagreement/disagreement.ts';
import {
  type MonitoringAnswers,
  monitoringAnswersChangeable,
} from '../domain/disagreement/monitoringAnswers.ts';
import { monitoringFormFor } from '../domain/disagreement/monitoringForm.ts';
import { Forbidden, NotAllowedNow, NotFound } from '../domain/errors.ts';
import { safeString } from '../domain/safeText.ts';
import { auditCase } from './auditCase.ts';
import { refusalsAudited } from './auditRefusal.ts';
import type { CaseDeps } from './caseDeps.ts';
import { parseInput } from './parseInput.ts';
import type { RequestContext } from './requestContext.ts';
import { type LoadedCase, loadVisibleCase } from './visibleCase.ts';

const officerPart = safeString('line').trim().max(200, 'must be at most 200 characters');

/** What the escalating side answers: the questions of the form the case does not answer. */
export const monitoringAnswersInput = z.object({
  meetingDate: z.iso.date().nullable(),
  parentsInformed: z.enum(['yes', 'no']).nullable(),
  parentsViews: safeString('multiline').trim().max(5000, 'must be at most 5000 characters'),
  seniorOfficers: z
    .array(z.object({ name: officerPart, agency: officerPart, role: officerPart }))
    .max(20, 'must be at most 20 people'),
});
export type MonitoringAnswersInput = z.infer<typeof monitoringAnswersInput>;

/** The answers' version the person's page showed: 0 when none were saved yet. */
export const seenVersion = z.coerce.number({ error: 'Reload the page and try again' }).int().min(0);

export type MonitoringFormToComplete = {
  caseId: string;
  reference: string;
  title: string;
  timeZone: string;
  answers: MonitoringAnswers | null;
  /** The answers' version now, for the page to send back: 0 when none were saved yet. */
  version: number;
  /** The date of the stage's meeting Accord arranged, if any (YYYY-MM-DD). */
  arrangedMeetingDate: string | null;
};

/** The case, if the person may complete its monitoring form now: 404, 403, or not yet. */
function completable({ disagreement, rules, access, actor }: LoadedCase) {
  const found = monitoringFormFor(rules);
  if (!found) {
    throw new NotFound(
      'This protocol has no monitoring form: the partnership is told in another way',
      'no-monitoring-form',
    );
  }
  if (!can(actor, 'complete-monitoring-form', access)) {
    throw new Forbidden('The agencies in the disagreement complete the monitoring form');
  }
  if (!disagreement.stages.some((stage) => stage.key === found.stage.key)) {
    throw new NotAllowedNow('The monitoring form is completed once the case reaches its stage', {
      code: 'monitoring-stage-not-reached',
    });
  }
  if (disagreement.purgedAt) {
    throw new NotAllowedNow('The details of this disagreement have been removed');
  }
  if (!monitoringAnswersChangeable(disagreement.status)) {
    throw new NotAllowedNow(
      `The disagreement has been ${disagreement.status}: its monitoring form can be read but not changed`,
      { code: 'monitoring-form-read-only' },
    );
  }
  return found;
}

function arrangedMeetingDate(disagreement: Disagreement, stageKey: string, timeZone: string) {
  const meeting = disagreement.meetings.findLast((each) => each.stageKey === stageKey);
  return meeting
    ? Temporal.Instant.from(meeting.startsAt).toZonedDateTimeISO(timeZone).toPlainDate().toString()
    : null;
}

/** The monitoring form's own questions, as completed so far, for the person completing them. */
export async function monitoringFormToComplete(
  deps: CaseDeps,
  id: string,
  context: RequestContext,
): Promise<MonitoringFormToComplete> {
  const now = deps.clock.now();
  return refusalsAudited(deps, { caseId: id, action: 'monitoring-form-completed' }, context, () =>
    deps.database.db.transaction().execute(async (trx) => {
      const loaded = await loadVisibleCase(trx, id, context, now);
      const found = completable(loaded);
      const { disagreement, rules } = loaded;
      const answers = await monitoringAnswersRepository(trx).get(disagreement.id);
      return {
        caseId: disagreement.id,
        reference: disagreement.reference,
        title: found.form.title,
        timeZone: rules.calendar.timeZone,
        answers,
        version: answers?.version ?? 0,
        arrangedMeetingDate: arrangedMeetingDate(
          disagreement,
          found.stage.key,
          rules.calendar.timeZone,
        ),
      };
    }),
  );
}

/**
 * Completes (or completes again) the monitoring form's own questions: stored and audited. A save
 * from a page showing an older version than the stored one is refused (Conflict).
 */
export async function completeMonitoringForm(
  deps: CaseDeps,
  { id, version, answers: input }: { id: string; version: unknown; answers: unknown },
  context: RequestContext,
): Promise<void> {
  const now = deps.clock.now();
  await refusalsAudited(deps, { caseId: id, action: 'monitoring-form-completed' }, context, () =>
    deps.database.db.transaction().execute(async (trx) => {
      const loaded = await loadVisibleCase(trx, id, context, now);
      completable(loaded);
      const answers = parseInput(monitoringAnswersInput, input);
      const { seen } = parseInput(z.object({ seen: seenVersion }), { seen: version });
      await monitoringAnswersRepository(trx).save(
        loaded.disagreement.id,
        {
          ...answers,
          completedBy: loaded.actor.personId,
          completedAt: now.toString({ smallestUnit: 'millisecond' }),
        },
        seen,
      );
      await auditCase(
        trx,
        context,
        now,
        'disagreement.monitoring-form-completed',
        loaded.disagreement,
      );
    }),
  );
}
