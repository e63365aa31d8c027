import { z } from 'zod';
import { listInWords } from '../domain/calendar/formatting.ts';
import { nameWithLevel } from '../domain/directory/levels.ts';
import { stagePeople } from '../domain/directory/stagePeople.ts';
import { escalate } from '../domain/disagreement/actions/escalate.ts';
import { dueOf, nextStages, stageLabel } from '../domain/disagreement/disagreement.ts';
import { radiosField, textareaField } from '../forms/fields.ts';
import { type CaseActionEntry, pageFace } from './caseActionEntry.ts';
import { caseDateTime, nowAs, when } from './pageParts.ts';
import { required } from './pageText.ts';

/** What the written account is to say, and who writes it where the protocol says. */
function writtenAccountHint(
  account: { prompt: string; writtenBy?: string | undefined } | undefined,
) {
  if (!account) return undefined;
  return account.writtenBy ? `${account.prompt} Written by ${account.writtenBy}.` : account.prompt;
}

export const escalateEntry: CaseActionEntry = {
  command: escalate,
  api: {
    method: 'post',
    path: '/escalate',
    summary: 'Escalate to the next stage, or to toStageKey where the protocol allows',
  },
  page: pageFace({
    path: 'escalate',
    heading: 'Escalate the disagreement',
    submitText: 'Escalate',
    // Each stage the case could go to, who it involves, and when it would be due if entered now.
    intro: (view) =>
      nextStages(view.disagreement, view.rules).map((stage) => {
        const due = dueOf(view.disagreement, view.rules, stage.key, view.rules.now.toString());
        const sides = stagePeople(view.disagreement, stage, view.directory).flatMap((side) =>
          side.people.map((person) => nameWithLevel(person, view.rules.protocol.levels)),
        );
        return `${stageLabel(view.rules, stage)}: ${stage.who} ${sides.length ? `The directory names ${listInWords(sides)}.` : ''} If you escalate now it will be due ${due.dueAt ? `by ${when(view, due.dueAt)}` : 'with no set timescale'}.`;
      }),
    inset: (view) =>
      nextStages(view.disagreement, view.rules).some((stage) => stage.onEntry.tellOtherAgencyFirst)
        ? `Tell the other agency that you intend to escalate before you do: the ${view.rules.protocol.terms.monitoringTeam} will be told.`
        : undefined,
    defaults: (view) => ({
      ...nowAs('occurredAt', view),
      toStageKey: nextStages(view.disagreement, view.rules)[0]?.key,
    }),
    fields: (view) => {
      const next = nextStages(view.disagreement, view.rules);
      const needsAccount = next.find((stage) => stage.onEntry.writtenAccount);
      return {
        toStageKey: radiosField({
          label: 'Which stage are you escalating to?',
          size: 's',
          choices: next.map((stage, index) => ({
            value: stage.key,
            text: stageLabel(view.rules, stage),
            hint:
              index === 0 ? 'The next stage' : 'The protocol allows going straight to this stage',
          })),
          schema: z
            .string({ error: 'Choose the stage to escalate to' })
            .trim()
            .min(1, 'Choose the stage to escalate to')
            .max(100, 'Choose the stage to escalate to'),
        }),
        occurredAt: caseDateTime(
          'When was it escalated?',
          'of the escalation',
          'Not before the current stage started, and not in the future',
        ),
        reason: textareaField({
          label: 'Why are you escalating?',
          size: 's',
          schema: required('why you are escalating', 2000),
        }),
        ...(needsAccount
          ? {
              writtenAccount: textareaField({
                label: `Written account (needed for ${stageLabel(view.rules, needsAccount)})`,
                hint: writtenAccountHint(needsAccount.onEntry.writtenAccount),
                size: 's',
                rows: 10,
                schema: z
                  .string()
                  .trim()
                  .max(20000, 'The written account must be 20,000 characters or fewer')
                  .default(''),
              }),
            }
          : {}),
      };
    },
    submit: (values) => ({
      command: escalate,
      input: {
        occurredAt: values.occurredAt,
        reason: values.reason,
        toStageKey: values.toStageKey,
        ...('writtenAccount' in values && values.writtenAccount
          ? { writtenAccount: values.writtenAccount }
          : {}),
      },
    }),
    offer: ({ disagreement, rules }) =>
      nextStages(disagreement, rules).length > 0 ? 'Escalate' : undefined,
    done: (escalated, view) =>
      `Escalated to ${stageLabel(
        view.rules,
        view.rules.ladder.stages.find((stage) => stage.key === escalated.stages.at(-1)?.key),
      )}`,
  }),
};
