import assert from 'node:assert/strict';
import { test } from 'node:test';
import { folded } from './caseHistoryView.ts';

test('a text of up to 600 characters shows whole; nothing shows for no text', () => {
  const text = 'a'.repeat(600);
  assert.deepEqual(folded(text), { start: text, rest: '' });
  assert.equal(folded(''), null);
});

test('a longer text is cut between words before 500 characters, and nothing is lost', () => {
  const text = `${'word '.repeat(150)}end`;
  const { start, rest } = folded(text) ?? { start: '', rest: '' };
  assert.ok(start.length <= 500 && start.length > 250);
  assert.ok(start.endsWith('word') && rest.startsWith('word'));
  assert.equal(`${start} ${rest}`, text);
});

test('a long text without spaces is cut at 500 characters', () => {
  const text = 'x'.repeat(700);
  assert.deepEqual(folded(text), { start: 'x'.repeat(500), rest: 'x'.repeat(200) });
});
