import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { describeProblem, parseProtocolFile } from './validateProtocol.ts';

// The checker on levels named by agency kind (the invented Ashdown protocol,
// test/protocols/levels.yaml).

const source = readFileSync(
  path.join(import.meta.dirname, '../../../test/protocols/levels.yaml'),
  'utf8',
);

test('the Ashdown protocol, with its levels and roles by agency kind, checks', () => {
  const checked = parseProtocolFile(source);
  assert.ok(checked.ok, checked.ok ? '' : checked.problems.map(describeProblem).join('\n'));
  assert.deepEqual(checked.protocol.stages[1]?.roles.byAgencyKind, {
    police: ['detective-sergeant'],
    'health-trust': ['designated-nurse'],
    school: ['safeguarding-lead'],
  });
});

test('a level named for a kind of agency whose people cannot hold it is refused', () => {
  const wrong = source.replace(
    'police: [detective-sergeant]',
    'police: [detective-sergeant, team-manager]',
  );
  assert.notEqual(wrong, source);
  const checked = parseProtocolFile(wrong);
  assert.deepEqual(checked.ok ? [] : checked.problems.map(describeProblem), [
    'stages[1].roles.byAgencyKind.police[1]: "team-manager" is a level of childrens-social-care agencies: nobody of a police agency holds it',
  ]);
});
