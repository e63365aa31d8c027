import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { z } from 'zod';
import { textField } from './fields.ts';
import { checkFields, fieldViews } from './form.ts';

// The timeout script's `_keep` and the page's `_csrf` share a form with its own fields: names
// beginning with "_" are reserved, so no field can be taken for them (signedOutForms.ts).

const src = new URL('..', import.meta.url).pathname;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

test('a field of the form toolkit cannot take a reserved name', () => {
  const fields = { _keep: textField({ label: 'Keep', schema: z.string() }) };
  assert.throws(() => checkFields(fields, { _keep: 'idle' }), /reserved/);
  assert.throws(() => fieldViews(fields, {}, {}), /reserved/);
});

test('no page or script names a field with "_" but the token and the timeout’s keep', () => {
  const names = new Set<string>();
  for (const file of filesUnder(src)) {
    if (!/\.(njk|js|ts)$/.test(file) || file.endsWith('.test.ts')) continue;
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/name\s*(?:=|:)\s*["'](_[^"']*)["']/g)) {
      names.add(match[1] ?? '');
    }
  }
  assert.deepEqual([...names].sort(), ['_csrf', '_keep']);
});
