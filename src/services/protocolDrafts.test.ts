import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';
import { parse } from 'yaml';
import { contextOf, setUpAccord } from '../../test/factories.ts';
import { describeOnEachDatabase } from '../../test/testDatabase.ts';
import { partnershipRepository } from '../db/repositories/partnershipRepository.ts';
import { protocolDraftRepository } from '../db/repositories/protocolDraftRepository.ts';
import { fixedClock } from '../domain/clock.ts';
import { Conflict, Invalid } from '../domain/errors.ts';
import { builtInProtocolFile } from '../protocols/builtInProtocols.ts';
import { adoptProtocol } from './adoptProtocol.ts';
import { setWorkingTime } from './manageDirectory.ts';
import {
  adoptProtocolDraft,
  MAX_DRAFTS,
  protocolAdoptionFacts,
  readProtocolDraft,
  startProtocolDraft,
} from './protocolDrafts.ts';
import type { RequestContext } from './requestContext.ts';

// Drafts adopted once only, numbered as adopted, started with the working time in force, and
// at most MAX_DRAFTS of them.

const clock = fixedClock('2026-11-24T10:00:00Z');
const humber = readFileSync(builtInProtocolFile('humber'), 'utf8');

describeOnEachDatabase('protocol drafts', (context) => {
  const deps = () => ({ database: context.database, clock });
  let partnershipId: string;
  let team: RequestContext;

  before(async () => {
    const accord = await setUpAccord(context.database);
    partnershipId = accord.partnershipId;
    team = await contextOf(context.database, accord.admin);
  });

  const versions = async () =>
    (await partnershipRepository(context.database.db).protocolVersions(partnershipId)).length;
  const adopt = async (id: string) => {
    const draft = await readProtocolDraft(deps(), { id }, team);
    return adoptProtocolDraft(
      deps(),
      { id, draftVersion: draft.version, source: draft.source, reason: 'The board agreed it' },
      team,
    );
  };

  test('adopting one draft twice at once makes one version; the other is told it is gone', async () => {
    const id = await startProtocolDraft(deps(), { from: 'humber' }, team);
    const draft = await readProtocolDraft(deps(), { id }, team);
    const before = await versions();
    const input = { id, draftVersion: draft.version, source: draft.source, reason: 'Agreed' };
    const results = await Promise.allSettled([
      adoptProtocolDraft(deps(), input, team),
      adoptProtocolDraft(deps(), input, team),
    ]);
    assert.equal(results.filter((result) => result.status === 'fulfilled').length, 1);
    const refused = results.find((result) => result.status === 'rejected');
    assert.ok(refused?.reason instanceof Conflict, String(refused?.reason));
    assert.match(refused.reason.message, /already been adopted or changed/);
    assert.equal(await versions(), before + 1);
    assert.equal(
      await protocolDraftRepository(context.database.db).get(partnershipId, id),
      undefined,
    );
  });

  test('a draft changed since the page was shown is not adopted', async () => {
    const id = await startProtocolDraft(deps(), { from: 'humber' }, team);
    const draft = await readProtocolDraft(deps(), { id }, team);
    const before = await versions();
    await assert.rejects(
      adoptProtocolDraft(
        deps(),
        { id, draftVersion: draft.version - 1, source: draft.source, reason: 'Agreed' },
        team,
      ),
      Conflict,
    );
    assert.equal(await versions(), before);
    assert.ok(await protocolDraftRepository(context.database.db).get(partnershipId, id));
  });

  test('the stored file states the version number it was adopted as', async () => {
    const id = await startProtocolDraft(deps(), { from: 'current' }, team);
    const stated = Number(parse((await readProtocolDraft(deps(), { id }, team)).source).version);
    // Someone adopts another file first: the draft's number is taken.
    await adoptProtocol(deps(), { partnershipId, protocolSource: humber }, team);
    const adopted = await adopt(id);
    assert.equal(adopted.version, stated + 1);
    const stored = await partnershipRepository(context.database.db).protocolVersion(
      partnershipId,
      adopted.version,
    );
    assert.equal(parse(stored?.source ?? '').version, adopted.version);
  });

  test('a draft from the protocol in force keeps the working time set since; the adopt facts say what a draft changes', async () => {
    await setWorkingTime(
      deps(),
      {
        region: 'england-and-wales',
        workingHours: { start: '08:30', end: '16:30' },
        workingWeekdays: [1, 2, 3, 4],
      },
      team,
    );
    const id = await startProtocolDraft(deps(), { from: 'current' }, team);
    const draft = await readProtocolDraft(deps(), { id }, team);
    const calendar = parse(draft.source).calendar;
    assert.deepEqual(calendar.workingHours, { start: '08:30', end: '16:30' });
    assert.deepEqual(calendar.workingWeekdays, ['monday', 'tuesday', 'wednesday', 'thursday']);
    // Adopting it as it stands changes nothing in the working time.
    const same = await protocolAdoptionFacts(deps(), { source: draft.source }, team);
    assert.equal(same.workingTimeChange, '');
    const adopted = await adopt(id);
    assert.equal(adopted.workingTimeChanged, false);
    // A built-in file's nine to five would change it back, and the adopt page says so first.
    const other = await startProtocolDraft(deps(), { from: 'humber' }, team);
    const facts = await protocolAdoptionFacts(
      deps(),
      { source: (await readProtocolDraft(deps(), { id: other }, team)).source },
      team,
    );
    assert.equal(
      facts.workingTimeChange,
      'Working hours change from 8:30am to 4:30pm to 9am to 5pm. Working days change from Monday, Tuesday, Wednesday and Thursday to Monday, Tuesday, Wednesday, Thursday and Friday: 0 open disagreements will be due again under it.',
    );
  });

  test(`a partnership keeps at most ${MAX_DRAFTS} drafts`, async () => {
    const drafts = protocolDraftRepository(context.database.db);
    while ((await drafts.count(partnershipId)) < MAX_DRAFTS) {
      await startProtocolDraft(deps(), { from: 'humber' }, team);
    }
    await assert.rejects(startProtocolDraft(deps(), { from: 'humber' }, team), (error) => {
      assert.ok(error instanceof Invalid);
      assert.deepEqual(error.errors, [
        { path: 'from', message: 'Delete a draft first: a partnership may keep 20' },
      ]);
      return true;
    });
    assert.equal(await drafts.count(partnershipId), MAX_DRAFTS);
  });
});
