import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseDocument } from 'yaml';
import { parseProtocolFile } from '../../../domain/protocol/validateProtocol.ts';
import { builtInProtocolFile } from '../../../protocols/builtInProtocols.ts';
import type { ProtocolVersionEntry } from '../../../services/protocolVersions.ts';
import { protocolView } from './protocolView.ts';

// The protocol page in words, for what the built-in files do not say: the partnership's own
// levels, its own groups of categories, a stage whose only time limit is a cap.

function riverside() {
  const document = parseDocument(readFileSync(builtInProtocolFile('pan-lancashire'), 'utf8'));
  // Pan-Lancashire's own levels (the front door's Practice and Team Managers) and two more.
  const own = (document.toJS() as { levels?: unknown[] }).levels ?? [];
  document.setIn(
    ['levels'],
    [
      ...own,
      { id: 'service-manager', name: 'Service manager', role: 'senior-manager' },
      {
        id: 'detective-inspector',
        name: 'Detective inspector',
        role: 'manager',
        agencyKinds: ['police'],
      },
    ],
  );
  document.setIn(['stages', 2, 'roles', 'raising'], ['service-manager']);
  document.setIn(['stages', 2, 'timescale'], { unit: 'none' });
  document.setIn(
    ['categoryGroups'],
    [
      {
        name: 'About a referral',
        categories: [
          { id: 'referral-not-accepted', label: 'The hub turned the referral down' },
          { id: 'further-information' },
        ],
      },
      { name: 'Anything else', categories: [{ id: 'threshold' }, { id: 'other' }] },
    ],
  );
  const check = parseProtocolFile(document.toString());
  assert.ok(check.ok, check.ok ? '' : JSON.stringify(check.problems));
  return check.protocol;
}

const entry = (version: number, openCases: number, cases: number): ProtocolVersionEntry => ({
  partnershipId: 'p',
  version,
  protocolId: 'pan-lancashire',
  name: 'Pan-Lancashire',
  adoptedAt: '2026-11-23T11:15:00Z',
  adoptedBy: null,
  adoptedByName: null,
  reason: null,
  openCases,
  cases,
});

test('levels, category groups, and a stage whose only limit is a cap', () => {
  const view = protocolView({
    inForce: entry(2, 1, 1),
    protocol: riverside(),
    versions: [entry(2, 1, 1), entry(1, 0, 3)],
  });
  assert.deepEqual(view.levels, [
    { name: 'Practice Manager', role: 'Manager', agencyKinds: "Children's social care" },
    { name: 'Team Manager', role: 'Manager', agencyKinds: "Children's social care" },
    { name: 'Service manager', role: 'Senior manager', agencyKinds: 'Any' },
    { name: 'Detective inspector', role: 'Manager', agencyKinds: 'Police' },
  ]);
  assert.deepEqual(view.categoryGroups, [
    {
      name: 'About a referral',
      categories: [
        'The hub turned the referral down',
        'Further information asked for before a referral goes ahead',
      ],
    },
    { name: 'Anything else', categories: ['Threshold or level of need', 'Something else'] },
  ]);
  const senior = view.ladders[0]?.stages[2];
  assert.equal(
    senior?.timescale,
    'Within 15 working days of the start of stage 1 (for stages 1 to 3 together)',
    'a stage with only a cap says the cap’s limit, as the case page does',
  );
  assert.match(senior?.roles ?? '', /^Raising agency: Service manager;/);
  assert.equal(view.ladders[0]?.stages[0]?.timescale, 'No set timescale', 'no cap over it');
  assert.equal(view.versions[0]?.compare, '/protocol/versions/compare?from=1&to=2');
  assert.equal(view.versions[1]?.compare, null);
  assert.equal(view.versions[1]?.cases, '0 open of 3 cases');
  assert.equal(view.inForce.cases, '1 open of 1 case');
});
