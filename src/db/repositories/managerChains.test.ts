import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aPartnership, aPerson } from '../../../test/factories.ts';
import { describeOnEachDatabase } from '../../../test/testDatabase.ts';
import { peopleRepository } from './peopleRepository.ts';

describeOnEachDatabase('line-management chains', (context) => {
  test('each chain nearest manager first, several people at once, a loop stopped', async () => {
    const { id: partnershipId } = await aPartnership(context.database);
    const at = { partnershipId, password: null };
    const director = await aPerson(context.database, at);
    const head = await aPerson(context.database, { ...at, lineManagerId: director.id });
    const manager = await aPerson(context.database, { ...at, lineManagerId: head.id });
    const worker = await aPerson(context.database, { ...at, lineManagerId: manager.id });
    const alone = await aPerson(context.database, at);
    const people = peopleRepository(context.database.db);
    // Two people who manage each other: a mistake in an imported directory.
    const first = await aPerson(context.database, at);
    const second = await aPerson(context.database, { ...at, lineManagerId: first.id });
    await context.database.db
      .updateTable('people')
      .set({ line_manager_id: second.id })
      .where('id', '=', first.id)
      .execute();

    const chains = await people.managerChains([worker.id, manager.id, alone.id, first.id]);
    assert.deepEqual(chains.get(worker.id), [manager.id, head.id, director.id]);
    assert.deepEqual(chains.get(manager.id), [head.id, director.id]);
    assert.deepEqual(chains.get(alone.id), []);
    assert.deepEqual(chains.get(first.id), [second.id]);
    assert.deepEqual(await people.managerChain(director.id), []);
    assert.deepEqual(await people.managerChains([]), new Map());
  });
});
