import { z } from 'zod';
import { Invalid, NotAllowedNow } from '../../errors.ts';
import { escalationTargets, type LadderStage, stageOf } from '../../protocol/ladder.ts';
import { stageLabel } from '../disagreement.ts';
import {
  caseCommand,
  changed,
  enterStage,
  notBefore,
  notInFuture,
  openStage,
} from './caseCommand.ts';
import { instant, line, reason, text } from './inputs.ts';

/** Either side takes the case to the next stage, or to a later one the protocol allows. */
export const escalate = caseCommand({
  name: 'escalated',
  ability: 'escalate',
  refusal: 'Only the agencies in the disagreement can escalate it',
  input: z.strictObject({
    occurredAt: instant,
    reason,
    toStageKey: line(100).optional(),
    writtenAccount: text(20000).optional(),
  }),
  apply(disagreement, input, { rules, by }) {
    const current = openStage(disagreement, 'escalate');
    notInFuture(input.occurredAt, rules, 'The date of the escalation', 'occurredAt');
    notBefore(
      input.occurredAt,
      current.startedAt,
      'An escalation cannot be dated before the current stage started',
      'occurredAt',
    );
    const targets = escalationTargets(rules.ladder, current.key);
    if (targets.length === 0) {
      throw new NotAllowedNow('This is the last stage of the protocol: there is no stage to go to');
    }
    let target = targets[0] as LadderStage;
    if (input.toStageKey !== undefined) {
      if (!stageOf(rules.ladder, input.toStageKey)) {
        throw new Invalid('There is no such stage', [
          { path: 'toStageKey', message: `This case’s pathway has no stage "${input.toStageKey}"` },
        ]);
      }
      const jump = targets.find((stage) => stage.key === input.toStageKey);
      if (!jump) {
        throw new NotAllowedNow(
          `The protocol does not allow going from ${stageLabel(rules, stageOf(rules.ladder, current.key))} to ${stageLabel(rules, stageOf(rules.ladder, input.toStageKey))}`,
          { field: 'toStageKey' },
        );
      }
      target = jump;
    }
    const writtenAccount = input.writtenAccount?.trim() || null;
    if (target.onEntry.writtenAccount && !writtenAccount) {
      throw new Invalid('A written account is needed', [
        {
          path: 'writtenAccount',
          message: `Enter the written account${target.onEntry.writtenAccount.writtenBy ? `, written by ${target.onEntry.writtenAccount.writtenBy}` : ''}: ${target.onEntry.writtenAccount.prompt}`,
        },
      ]);
    }
    const ended = {
      ...disagreement,
      stages: disagreement.stages.map((stage) =>
        stage === current
          ? { ...stage, endedAt: input.occurredAt, outcome: 'escalated' as const }
          : stage,
      ),
      // A proposal that was waiting lapses: the disagreement goes on at the next level.
      resolution: null,
      actions: disagreement.resolution
        ? disagreement.actions.filter((action) => action.proposalId !== disagreement.resolution?.id)
        : disagreement.actions,
    };
    const entered = enterStage(
      ended,
      target,
      {
        at: input.occurredAt,
        by: by.personId,
        reason: input.reason,
        writtenAccount,
        history: {
          at: input.occurredAt,
          kind: 'escalated',
          personId: by.personId,
          text: `Escalated to ${stageLabel(rules, target)}. Reason: ${input.reason}`,
        },
      },
      rules,
    );
    return {
      disagreement: changed(entered.disagreement, rules, {}),
      events: entered.events,
    };
  },
});
