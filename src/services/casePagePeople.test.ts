import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aCase, aDisagreementCast, anAgency, aPerson, contextOf } from '../../test/factories.ts';
import { statementCounter } from '../../test/statementCounter.ts';
import { describeOnEachDatabase } from '../../test/testDatabase.ts';
import { organisationRepository } from '../db/repositories/organisationRepository.ts';
import { peopleRepository } from '../db/repositories/peopleRepository.ts';
import { fixedClock } from '../domain/clock.ts';
import { stagePeopleSought } from '../domain/directory/peopleSought.ts';
import { stagePeople } from '../domain/directory/stagePeople.ts';
import { currentStage, nextStages } from '../domain/disagreement/disagreement.ts';
import { type WaitingAsk, waitingAsks } from '../domain/disagreement/waitingAsks.ts';
import { stageOf } from '../domain/protocol/ladder.ts';
import { rulesCache } from './caseRules.ts';
import { listCaseActionPeople, listCasePagePeople } from './readDirectory.ts';
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
    // An action's page offers every active person of the party agencies (an action's owner).
    const view = await getDisagreement(deps, escalated.id, asManager);
    const offered = new Set(
      (await listCaseActionPeople(deps, view, asManager)).map((person) => person.id),
    );
    assert.ok(offered.has(cast.school.colleague.id) && offered.has(cast.socialCare.colleague.id));
    assert.ok(!offered.has(otherManager.id), 'a manager of an agency not in the case is not');
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

  test('Waiting for you asks the same of each person as over the whole directory', async () => {
    const deps = { database: context.database, clock };
    const cast = await aDisagreementCast(context.database);
    const cases = [
      await aCase(deps, cast),
      await aCase(deps, cast, { escalations: [{ at: '2026-11-24T09:00:00Z' }] }),
      await aCase(deps, cast, {
        escalations: [{ at: '2026-11-24T09:00:00Z' }, { at: '2026-11-25T09:00:00Z' }],
      }),
    ];
    for (let index = 0; index < 10; index++) {
      await aPerson(context.database, {
        partnershipId: cast.partnershipId,
        agencyId: cast.socialCare.agency.id,
        lineManagerId: cast.socialCare.manager.id,
        roles: ['practitioner'],
      });
    }
    const rulesOf = rulesCache(context.database.db, clock.now());
    const atStages = await Promise.all(
      cases.map(async (disagreement) => {
        const current = currentStage(disagreement);
        const rules = await rulesOf(disagreement);
        return { disagreement, rules, stage: current && stageOf(rules.ladder, current.key) };
      }),
    );
    const whole = {
      people: await peopleRepository(context.database.db).inPartnership(cast.partnershipId),
      agencies: await organisationRepository(context.database.db).agencies(cast.partnershipId),
    };
    let asked = 0;
    for (const person of [
      cast.school.manager,
      cast.school.senior,
      cast.socialCare.manager,
      cast.socialCare.senior,
      cast.team,
    ]) {
      const { actor } = await contextOf(context.database, person);
      assert.ok(actor);
      const read = await peopleRepository(context.database.db).sought(
        stagePeopleSought(atStages, person.id),
      );
      assert.ok(read.length < whole.people.length, 'not the whole directory');
      for (const { disagreement, rules } of atStages) {
        const asks = (people: typeof whole.people): WaitingAsk[] =>
          waitingAsks(disagreement, rules, actor, { people, agencies: whole.agencies });
        assert.deepEqual(asks(read), asks(whole.people));
        asked += asks(read).length;
      }
    }
    assert.ok(asked > 0, 'some of them are asked something');
  });
});
