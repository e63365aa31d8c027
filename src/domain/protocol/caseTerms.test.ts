import assert from 'node:assert/strict';
import { test } from 'node:test';
import { caseTerms, withCaseTerms } from './caseTerms.ts';

const protocol = {
  id: 'example',
  terms: {
    partnership: 'Example partnership',
    frontDoor: 'MASH',
    monitoringTeam: 'CSAP team',
    stage: 'stage',
  },
};

test('a case of a local authority is told in its front door and monitoring team', () => {
  const blackpool = { frontDoorName: 'Request for Support Hub', monitoringTeamName: 'MASA' };
  assert.deepEqual(caseTerms(protocol, blackpool), {
    partnership: 'Example partnership',
    frontDoor: 'Request for Support Hub',
    monitoringTeam: 'MASA',
    stage: 'stage',
  });
  const told = withCaseTerms(protocol, blackpool);
  assert.equal(told.id, 'example');
  assert.equal(told.terms.monitoringTeam, 'MASA');
  assert.equal(protocol.terms.monitoringTeam, 'CSAP team', 'the protocol itself is unchanged');
});

test('a case of no local authority, or of one with blank names, keeps the protocol’s words', () => {
  assert.equal(caseTerms(protocol, undefined), protocol.terms);
  assert.equal(withCaseTerms(protocol, null), protocol);
  assert.deepEqual(
    caseTerms(protocol, { frontDoorName: ' ', monitoringTeamName: '' }),
    protocol.terms,
  );
});
