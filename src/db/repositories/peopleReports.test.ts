import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aPartnership, aPerson } from '../../../test/factories.ts';
import { statementCounter } from '../../../test/statementCounter.ts';
import { describeOnEachDatabase } from '../../../test/testDatabase.ts';
import { peopleRepository } from './peopleRepository.ts';

describeOnEachDatabase('everyone below a person in line management', (context) => {
  test('at any depth, in one statement, and a loop back to the person stops', async () => {
    const { id: partnershipId } = await aPartnership(context.database);
    const head = await aPerson(context.database, { partnershipId });
    const manager = await aPerson(context.database, { partnershipId, lineManagerId: head.id });
    const [first, second] = [
      await aPerson(context.database, { partnershipId, lineManagerId: manager.id }),
      await aPerson(context.database, { partnershipId, lineManagerId: manager.id }),
    ];
    const below = await aPerson(context.database, { partnershipId, lineManagerId: first?.id });
    await aPerson(context.database, { partnershipId });
    const counter = statementCounter(context.database);
    const people = peopleRepository(counter.database.db);
    const expected = [manager, first, second, below].map((person) => person?.id).sort();
    const { result, statements } = await counter.during(() => people.reportsOf(head.id));
    assert.deepEqual(result.sort(), expected);
    assert.equal(statements.length, 1, 'three levels down, one statement');
    assert.deepEqual(await people.reportsOf(below.id), []);
    // A directory mistake: the head reports to someone below them.
    await context.database.db
      .updateTable('people')
      .set({ line_manager_id: below.id })
      .where('id', '=', head.id)
      .execute();
    assert.deepEqual((await people.reportsOf(head.id)).sort(), expected);
    assert.deepEqual(
      (await people.reportsOf(first?.id as string)).sort(),
      [below, head, manager, second].map((person) => person?.id).sort(),
    );
  });
});
