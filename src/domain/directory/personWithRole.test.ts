import assert from 'node:assert/strict';
import { test } from 'node:test';
import { personWithRole } from './personWithRole.ts';

const agencies: Record<string, string> = { a1: 'Pendle Brook Primary School' };
const agencyName = (id: string) => agencies[id];

test('a person is named with their job title and agency, whichever of them is known', () => {
  const name = 'Ayo Example';
  assert.equal(
    personWithRole({ name, jobTitle: 'Designated Safeguarding Lead', agencyId: 'a1' }, agencyName),
    'Ayo Example — Designated Safeguarding Lead, Pendle Brook Primary School',
  );
  assert.equal(
    personWithRole({ name, jobTitle: null, agencyId: 'a1' }, agencyName),
    'Ayo Example — Pendle Brook Primary School',
  );
  assert.equal(
    personWithRole({ name, jobTitle: 'Business Manager', agencyId: null }, agencyName),
    'Ayo Example — Business Manager, the partnership team',
  );
  assert.equal(personWithRole({ name, jobTitle: null, agencyId: 'gone' }, agencyName), name);
});
