import assert from 'node:assert/strict';
import { buffer } from 'node:stream/consumers';
import { test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { jsonEntry, jsonListEntry, textEntry, zipArchive } from './zipArchive.ts';

test('files streamed into a ZIP archive read back whole, in order', async () => {
  async function* files() {
    yield textEntry('README.txt', 'What is inside — with an accent: é');
    for (let n = 1; n <= 3; n++) yield jsonEntry(`cases/PL-2026-000${n}/case.json`, { n });
  }
  const bytes = await buffer(zipArchive(files(), Temporal.Instant.from('2026-12-06T10:00:00Z')));
  const read = unzipSync(new Uint8Array(bytes));
  assert.deepEqual(Object.keys(read), [
    'README.txt',
    'cases/PL-2026-0001/case.json',
    'cases/PL-2026-0002/case.json',
    'cases/PL-2026-0003/case.json',
  ]);
  assert.equal(strFromU8(read['README.txt'] as Uint8Array), 'What is inside — with an accent: é');
  assert.deepEqual(JSON.parse(strFromU8(read['cases/PL-2026-0002/case.json'] as Uint8Array)), {
    n: 2,
  });
});

test('an archive of no files is an empty ZIP archive', async () => {
  const bytes = await buffer(
    zipArchive((async function* () {})(), Temporal.Instant.from('2026-12-06T10:00:00Z')),
  );
  assert.deepEqual(unzipSync(new Uint8Array(bytes)), {});
});

test('a list written into the archive as it is read is one JSON list', async () => {
  async function* entries() {
    for (let n = 1; n <= 2500; n++) yield { seq: n, action: 'disagreement.viewed' };
  }
  async function* none() {}
  async function* files() {
    yield jsonListEntry('audit-entries.json', entries());
    yield jsonListEntry('messages.json', none());
  }
  const bytes = await buffer(zipArchive(files(), Temporal.Instant.from('2026-12-06T10:00:00Z')));
  const read = unzipSync(new Uint8Array(bytes));
  const list = JSON.parse(strFromU8(read['audit-entries.json'] as Uint8Array));
  assert.equal(list.length, 2500);
  assert.deepEqual(list[2499], { seq: 2500, action: 'disagreement.viewed' });
  assert.deepEqual(JSON.parse(strFromU8(read['messages.json'] as Uint8Array)), []);
});
