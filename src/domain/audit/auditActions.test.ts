import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { caseActionRegistry } from '../../caseActions/caseActionRegistry.ts';
import { raise } from '../disagreement/actions/raise.ts';
import { historyKinds } from '../disagreement/caseDocument.ts';
import {
  actionsIn,
  auditActionGroups,
  auditActionTable,
  describeAuditAction,
  isAuditAction,
  listViewActions,
} from './auditActions.ts';

test('every action has words and a group the filter offers', () => {
  assert.ok(auditActionTable.size > 80);
  for (const [action, { words, group }] of auditActionTable) {
    assert.match(words, /^[A-Z][^.]*[^.\s]$/, `${action}: a sentence's start, without a full stop`);
    assert.ok(group in auditActionGroups, `${action}: ${group}`);
    assert.notEqual(words, action);
  }
});

test('every case command, and raising, is worded as done and as refused', () => {
  const names = [raise.name, ...caseActionRegistry.map((entry) => entry.command.name)];
  assert.ok(names.includes('escalated'));
  for (const name of names) {
    assert.equal(auditActionTable.get(`disagreement.${name}`)?.group, 'case-changes', name);
    assert.match(
      describeAuditAction(`disagreement.${name}.refused`),
      /^Was refused when they tried to /,
      name,
    );
  }
  for (const kind of historyKinds) assert.ok(isAuditAction(`disagreement.${kind}`), kind);
  for (const read of ['viewed', 'summary-read', 'monitoring-form-read', 'meeting-calendar-read']) {
    assert.ok(isAuditAction(`disagreement.${read}.refused`), read);
  }
});

test('the actions are said in plain English, with what the entry adds', () => {
  assert.equal(describeAuditAction('disagreement.viewed'), 'Read the case');
  assert.equal(describeAuditAction('closure-day.removed'), 'Removed a closure day');
  assert.equal(
    describeAuditAction('disagreement.escalated', { stage: 'Stage 2 (Managers)' }),
    'Escalated to Stage 2 (Managers)',
  );
  assert.equal(describeAuditAction('disagreement.escalated'), 'Escalated the disagreement');
  assert.equal(
    describeAuditAction('protocol.adopted', { protocolVersion: 3 }),
    'Adopted protocol version 3',
  );
  assert.equal(describeAuditAction('protocol.adopted'), 'Adopted a protocol version');
  assert.equal(
    describeAuditAction('made-up.action'),
    'made-up.action',
    'an action without words (from an older release) is shown as stored',
  );
});

test("a person's list and search views are their own group, left out by default", () => {
  assert.deepEqual([...listViewActions].sort(), [
    'audit.read',
    'disagreement.found',
    'disagreement.lessons-read',
    'disagreement.listed',
    'people.read',
  ]);
  assert.ok(!actionsIn(['case-reads']).includes('disagreement.listed'));
  assert.ok(actionsIn(['case-reads']).includes('disagreement.viewed'));
  assert.ok(actionsIn(['refused']).every((action) => action.endsWith('.refused')));
});

// auditFacts takes only an AuditAction, so typechecking finds an action without words; this
// finds one written some other way: every quoted action name in the code that writes entries.
test('every action name written in the services has words', () => {
  const root = join(import.meta.dirname, '../../services');
  const files = (readdirSync(root, { recursive: true }) as string[]).filter(
    (file) => file.endsWith('.ts') && !file.endsWith('.test.ts'),
  );
  // Names of settings kept beside the data, not actions.
  const settings = new Set(['retention.release-pending', 'retention.sqlite-vacuumed']);
  const written = new Set<string>();
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    if (!/auditFacts|auditCase|inTransaction\(|audited\(/.test(text)) continue;
    for (const [, name] of text.matchAll(
      /'((?:[a-z]+-)*[a-z]+\.(?:[a-z]+-)*[a-z]+(?:\.refused)?)'/g,
    )) {
      if (!/\.(ts|json|njk|yaml)$/.test(name as string) && !settings.has(name as string)) {
        written.add(name as string);
      }
    }
  }
  assert.ok(written.has('closure-day.removed') && written.has('sign-in.succeeded'));
  const missing = [...written].filter((name) => !isAuditAction(name));
  assert.deepEqual(missing, [], 'each of these needs words in auditActions.ts');
});
