import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aCase, aDisagreementCast, anAgency, aPerson, contextOf } from '../../test/factories.ts';
import { statementCounter } from '../../test/statementCounter.ts';
import { describeOnEachDatabase } from '../../test/testDatabase.ts';
import { organisationRepository } from '../db/repositories/organisationRepository.ts';
import { peopleRepository } from '../db/repositories/peopleRepository.ts';
import { fixedClock } from '../domain/clock.ts';
import { stagePeople } from '../domain/directory/stagePeople.ts';
import { currentStage, nextStages } from '../domain/disagreement/disagreement.ts';
import { stageOf } from '../domain/protocol/ladder.ts';
import { listCasePagePeople } from './readDirectory.ts';
import { getDisagreement } from './readDisagreements.ts';

// The case page reads the people it shows, not the partnership's: the same stage people as the
// whole directory gives, without the colleagues nobody names, in as many statements however
// many people the agencies hold.

const clock = fixedClock('2026-12-08T10:00:00Z');

describeOnEachDatabase('the people a case page reads', (context) => {
  test('the stage people the whole directory gives, not the unnamed, in a fixed number of statements', async () => {
    const deps = { database: context.database, clock };
    const cast = await aDisagreementCast(context.database);
    const { partnershipId } = cast;
    const stillAtStart = await aCase(deps, cast);
    const escalated = await aCase(deps, cast, { escalations: [{ at: '2026-11-24T09:00:00Z' }] });
    const elsewhere = await anAgency(context.database, partnershipId);
    const otherManager = await aPerson(context.database, {
      partnershipId,
      agencyId: elsewhere.id,
      roles: ['manager'],
    });
    const asManager = await contextOf(context.database, cast.school.manager);
    const counter = statementCounter(context.database);
    const statementsFor = async (caseId: string) => {
      const view = await getDisagreement(deps, caseId, asManager);
      const { result: read, statements } = await counter.during(() =>
        listCasePagePeople({ ...deps, database: counter.database }, view, asManager),
      );
      const whole = {
        people: await peopleRepository(context.database.db).inPartnership(partnershipId),
        agencies: await organisationRepository(context.database.db).agencies(partnershipId),
      };
      const { disagreement, rules } = view;
      const current = currentStage(disagreement);
      for (const stage of [
        current ? stageOf(rules.ladder, current.key) : undefined,
        nextStages(disagreement, rules)[0],
      ]) {
        if (!stage) continue;
        const ids = (people: typeof whole.people) =>
          stagePeople(disagreement, stage, { people, agencies: whole.agencies }).map((side) =>
            side.people.map((person) => person.id),
          );
        assert.deepEqual(ids(read), ids(whole.people), `at ${stage.key}`);
      }
      const readIds = new Set(read.map((person) => person.id));
      for (const named of [cast.school.practitioner, cast.socialCare.practitioner]) {
        assert.ok(readIds.has(named.id), 'the raiser and the named professional are read');
      }
      assert.ok(!readIds.has(cast.school.colleague.id), 'a colleague nobody names is not read');
      assert.ok(!readIds.has(otherManager.id), 'nor a manager of an agency not in the case');
      return statements.length;
    };
    const before = [await statementsFor(stillAtStart.id), await statementsFor(escalated.id)];
    for (let index = 0; index < 30; index++) {
      await aPerson(context.database, {
        partnershipId,
        agencyId: index % 2 ? cast.school.agency.id : cast.socialCare.agency.id,
        lineManagerId: cast.school.manager.id,
        roles: ['practitioner'],
      });
    }
    const after = [await statementsFor(stillAtStart.id), await statementsFor(escalated.id)];
    assert.deepEqual(after, before, 'as many statements with 30 more people');
  });
});
