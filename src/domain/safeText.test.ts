import assert from 'node:assert/strict';
import { test } from 'node:test';
import { textProblem } from './safeText.ts';

test('ordinary text passes, with accents, emoji, right-to-left script and line breaks', () => {
  for (const value of ['Zoë O’Brien', 'Leo 🙂', 'مرحبا', 'first line\nsecond\tline\r\n', '   ']) {
    assert.equal(textProblem(value), null, JSON.stringify(value));
  }
  assert.equal(textProblem('Zoë O’Brien', 'line'), null);
});

test('a lone surrogate, a control character, a direction override, invisible-only text are refused', () => {
  assert.match(textProblem('Leo \uD83D') ?? '', /broken characters/);
  assert.match(textProblem('\uDC00Leo') ?? '', /broken characters/);
  assert.match(textProblem('bell\u0007') ?? '', /control characters/);
  assert.match(textProblem('C1\u0085') ?? '', /control characters/);
  assert.match(textProblem('del\u007F') ?? '', /control characters/);
  assert.match(textProblem('report\u202Efdp.exe') ?? '', /direction/);
  assert.match(textProblem('isolate\u2067x\u2069') ?? '', /direction/);
  assert.match(textProblem('\u200B\u200C\u200D') ?? '', /only invisible/);
  assert.match(textProblem(' \u2060\uFEFF\u00AD ') ?? '', /only invisible/);
});

test('one line refuses line breaks and tabs, which text of several lines keeps', () => {
  assert.match(textProblem('Leo\nExample', 'line') ?? '', /control characters/);
  assert.match(textProblem('Leo\tExample', 'line') ?? '', /control characters/);
  assert.equal(textProblem('Leo\nExample', 'multiline'), null);
});
