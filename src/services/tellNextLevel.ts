import { organisationRepository } from '../db/repositories/organisationRepository.ts';
import { outboxRepository } from '../db/repositories/outboxRepository.ts';
import { peopleRepository } from '../db/repositories/peopleRepository.ts';
import { formatInstant } from '../domain/calendar/formatting.ts';
import { isoInstant } from '../domain/clock.ts';
import { stagePeople, whoMayHear } from '../domain/directory/stagePeople.ts';
import {
  currentStage,
  type Disagreement,
  nextStages,
  noteNextLevelTold,
  otherSideCanSee,
  stageLabel,
} from '../domain/disagreement/disagreement.ts';
import { stageOf } from '../domain/protocol/ladder.ts';
import { caseFacts, deadlineMessages } from '../notify/messages.ts';
import { type CaseDeps, DEFAULT_BASE_URL } from './caseDeps.ts';
import { changeCase } from './changeCase.ts';
import type { RequestContext } from './requestContext.ts';

/**
 * "Tell the next level now": the people the directory names for the next stage hear that this
 * one needs a speedy response to safeguard the child, and that they will be contacted if none
 * comes (protocols.md §1 "Delay"). The case records who was told.
 */
export function tellNextLevel(
  deps: CaseDeps,
  request: { id: string; version: number },
  context: RequestContext,
): Promise<Disagreement> {
  return changeCase(deps, context, {
    id: request.id,
    version: request.version,
    ability: 'escalate',
    refusal: 'Only the agencies in the disagreement can tell the next level',
    auditAction: 'disagreement.next-level-told',
    change: async ({ disagreement, rules, actor }, db) => {
      const next = nextStages(disagreement, rules)[0];
      const people = await peopleRepository(db).inAgencies([
        disagreement.raiserAgencyId,
        ...disagreement.otherAgencyIds,
      ]);
      const nextLevel = next
        ? whoMayHear(
            stagePeople(disagreement, next, people),
            otherSideCanSee(disagreement, rules.ladder),
          )
        : [];
      const noted = noteNextLevelTold(
        disagreement,
        nextLevel.map((person) => person.name),
        actor.personId,
        rules,
      );
      const stage = currentStage(disagreement);
      const ladderStage = stage && stageOf(rules.ladder, stage.key);
      const agencies = await organisationRepository(db).agencies(disagreement.partnershipId);
      const agencyName = (id: string) =>
        agencies.find((agency) => agency.id === id)?.name ?? 'an agency';
      const now = deps.clock.now();
      const message = deadlineMessages.nextLevelAlert({
        ...caseFacts(disagreement, agencyName, deps.baseUrl ?? DEFAULT_BASE_URL),
        stage: stageLabel(rules, ladderStage ?? undefined),
        dueText: stage?.dueAt
          ? formatInstant(Temporal.Instant.from(stage.dueAt), rules.calendar.timeZone)
          : 'no set time',
        nextStage: stageLabel(rules, next),
      });
      await outboxRepository(db).enqueue(
        nextLevel.map((person) => ({
          kind: 'nextLevelAlert',
          dedupeKey: `${disagreement.id}:v${noted.version}:next-level-now:${person.email}`,
          partnershipId: disagreement.partnershipId,
          disagreementId: disagreement.id,
          personId: person.id,
          recipient: person.email,
          ...message,
        })),
        isoInstant(now),
      );
      return noted;
    },
  });
}
