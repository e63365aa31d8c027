import { z } from 'zod';
import { maySee } from '../../access/can.ts';
import { isoInstant } from '../../clock.ts';
import { stagePeople, whoMayHear } from '../../directory/stagePeople.ts';
import { NotAllowedNow } from '../../errors.ts';
import { isOverdue, nextStages, otherSideCanSee, stageLabel } from '../disagreement.ts';
import { caseCommand, changed, openStage, withHistory } from './caseCommand.ts';

/**
 * "Tell the next level now": the people the directory names for the next stage, who may see
 * the case, hear that this one needs a speedy response to safeguard the child, and that they
 * will be contacted if none comes (protocols.md §1 "Delay"). The case records who was told.
 */
export const tellNextLevel = caseCommand({
  name: 'next-level-told',
  ability: 'escalate',
  refusal: 'Only the agencies in the disagreement can tell the next level',
  input: z.strictObject({}),
  apply(disagreement, _input, { rules, by, directory, access }) {
    openStage(disagreement, 'tell the next level about');
    if (!isOverdue(disagreement, rules.now)) {
      throw new NotAllowedNow(
        'The next level is told when the stage is overdue, and it is not yet',
      );
    }
    const next = nextStages(disagreement, rules)[0];
    if (!next) {
      throw new NotAllowedNow('This is the last stage of the protocol: there is no next level');
    }
    const told = whoMayHear(
      stagePeople(disagreement, next, directory),
      otherSideCanSee(disagreement, rules.ladder),
    ).filter((person) => maySee(person, access));
    if (told.length === 0) {
      throw new NotAllowedNow(
        `The directory names nobody for ${stageLabel(rules, next)}: ask the partnership team`,
      );
    }
    return {
      disagreement: changed(disagreement, rules, {
        history: withHistory(disagreement, {
          at: isoInstant(rules.now),
          kind: 'next-level-told',
          personId: by.personId,
          text: `The next level (${told.map((person) => person.name).join(', ')}) was told that a speedy response is needed`,
        }),
      }),
      events: [{ type: 'NextLevelTold', personIds: told.map((person) => person.id) }],
    };
  },
});
