import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { builtInProtocol } from '../../protocols/builtInProtocols.ts';
import { familyDetailsNeeded } from './familyDetailsNeeded.ts';
import { parseProtocolFile } from './validateProtocol.ts';

const withoutFamily = (() => {
  const file = path.join(
    import.meta.dirname,
    '../../../test/protocols/monitoring-without-family.yaml',
  );
  const check = parseProtocolFile(readFileSync(file, 'utf8'));
  if (!check.ok) throw new Error(JSON.stringify(check.problems));
  return check.protocol;
})();

test('raising asks for the family only when a form of the protocol reads the family’s details', () => {
  assert.equal(familyDetailsNeeded(builtInProtocol('pan-lancashire')), true);
  assert.equal(familyDetailsNeeded(builtInProtocol('east-riding')), true);
  assert.equal(familyDetailsNeeded(builtInProtocol('humber')), false, 'no form at all');
  assert.ok(withoutFamily.forms.length > 0);
  assert.equal(familyDetailsNeeded(withoutFamily), false, 'a form that reads no family detail');
});

test('any one family source on the page is enough to ask for it', () => {
  for (const from of ['parents', 'family-address', 'referral-date', 'agencies-involved'] as const) {
    const form = { ...(withoutFamily.forms[0] as (typeof withoutFamily.forms)[number]) };
    form.fields = [...form.fields, { label: from, from, withAgency: false }];
    assert.equal(familyDetailsNeeded({ forms: [form] }), true, from);
  }
});
