import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aCase, aDisagreementCast, aPerson, contextOf } from '../../../test/factories.ts';
import { describeOnEachDatabase } from '../../../test/testDatabase.ts';
import type { Database } from '../../db/database.ts';
import { outboxRepository } from '../../db/repositories/outboxRepository.ts';
import { fixedClock } from '../../domain/clock.ts';
import { addAction } from '../../domain/disagreement/actions/addAction.ts';
import type { CaseEvent } from '../../domain/disagreement/caseEvents.ts';
import type { Disagreement } from '../../domain/disagreement/disagreement.ts';
import { peopleOfCase } from '../caseAccess.ts';
import { rulesCache } from '../caseRules.ts';
import { runCaseAction } from '../runCaseAction.ts';
import { type MessageDirectories, messageDirectories, queueCaseMessages } from './queueMessages.ts';

// The clock's sweep reads, for each case, only the people messages can name or pick: with
// 100,000 people a case's agencies hold thousands. Every message must be as it would be with
// all of them (peopleOfCase, what a change reads).

describeOnEachDatabase('the people the clock’s messages are made from', (context) => {
  const clock = fixedClock('2026-12-01T10:00:00Z');
  const deps = () => ({ database: context.database, clock, baseUrl: 'https://accord.example.org' });

  /** The outbox rows the events queue with these directories, then taken back. */
  async function queuedWith(
    database: Database,
    disagreement: Disagreement,
    events: CaseEvent[],
    directoriesOf: (db: Database['db']) => MessageDirectories,
  ) {
    let rows: Awaited<ReturnType<ReturnType<typeof outboxRepository>['forDisagreement']>> = [];
    const undo = new Error('taken back');
    await database.db
      .transaction()
      .execute(async (trx) => {
        const rules = await rulesCache(trx, clock.now())(disagreement);
        await queueCaseMessages(
          trx,
          deps(),
          [{ disagreement, rules, events, actorId: null }],
          directoriesOf(trx),
        );
        rows = await outboxRepository(trx).forDisagreement(disagreement.id);
        throw undo;
      })
      .catch((error) => {
        if (error !== undo) throw error;
      });
    return rows.map(({ kind, recipient, person_id, subject, body }) => ({
      kind,
      recipient,
      person_id,
      subject,
      body,
    }));
  }

  test('reminders and overdue prompts of stages and actions go to the same people, saying the same', async () => {
    const { database } = context;
    const cast = await aDisagreementCast(database, { protocolId: 'humber' });
    // Many practitioners in each agency, whom no message names.
    for (const side of [cast.school, cast.socialCare]) {
      for (let n = 0; n < 15; n++) {
        await aPerson(database, {
          partnershipId: cast.partnershipId,
          agencyId: side.agency.id,
          lineManagerId: side.manager.id,
          password: null,
        });
      }
    }
    // The other professional's line manager holds no role beyond practitioner: a stage's
    // people are still found up the chain through them.
    const senior = await aPerson(database, {
      partnershipId: cast.partnershipId,
      agencyId: cast.socialCare.agency.id,
      lineManagerId: cast.socialCare.manager.id,
      password: null,
    });
    const other = await aPerson(database, {
      partnershipId: cast.partnershipId,
      agencyId: cast.socialCare.agency.id,
      lineManagerId: senior.id,
      password: null,
    });
    let disagreement = await aCase(deps(), cast, {
      raisedAt: '2026-11-24T09:00:00Z',
      otherPerson: other,
      escalations: [{ at: '2026-11-25T09:00:00Z', toStageKey: 'stage-2' }],
    });
    disagreement = await runCaseAction(
      deps(),
      addAction,
      {
        id: disagreement.id,
        version: disagreement.version,
        input: {
          description: 'Send the referral again',
          ownerId: cast.school.colleague.id,
          dueAt: '2026-12-02T17:00:00Z',
        },
      },
      await contextOf(database, cast.school.manager),
    );
    const actionId = disagreement.actions[0]?.id as string;
    const stageIndex = disagreement.stages.length - 1;
    const events: CaseEvent[] = [
      { type: 'StageReminderDue', stageIndex, occurrence: 'reminder' },
      { type: 'StageOverdue', stageIndex, occurrence: 'overdue-2026-12-01' },
      { type: 'ActionReminderDue', actionId, occurrence: 'reminder' },
      { type: 'ActionOverdue', actionId, occurrence: 'overdue-2026-12-01' },
    ];

    const everyoneOfTheCase = await queuedWith(database, disagreement, events, (db) =>
      messageDirectories(db),
    );
    const sweep = await queuedWith(database, disagreement, events, (db) =>
      messageDirectories(db, { wholePartnerships: true }),
    );
    assert.ok(everyoneOfTheCase.length >= 4, `${everyoneOfTheCase.length} messages`);
    assert.deepEqual(sweep, everyoneOfTheCase);

    // And the sweep read fewer: not the agencies' practitioners whom nothing names.
    const read = await messageDirectories(database.db, { wholePartnerships: true }).peopleOf(
      disagreement,
    );
    const all = await peopleOfCase(database.db, disagreement);
    assert.ok(read.length < all.length - 20, `${read.length} of ${all.length}`);
    const ids = new Set(read.map((person) => person.id));
    for (const named of [other, senior, cast.school.practitioner, cast.school.colleague]) {
      assert.ok(ids.has(named.id), `${named.name} is read`);
    }
  });
});
