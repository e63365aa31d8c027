import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { workingCalendarFor } from '../src/domain/calendar/workingCalendar.ts';
import { type StageStart, stageDue } from '../src/domain/disagreement/deadlines.ts';
import { escalationTargets, ladderFor, pathwayForCategory } from '../src/domain/protocol/ladder.ts';
import { parseProtocolFile } from '../src/domain/protocol/validateProtocol.ts';
import { workingTimeOf } from '../src/domain/protocol/workingTimeOf.ts';
import { inLondon, london } from './londonTime.ts';

const root = path.resolve(import.meta.dirname, '..');
const doc = readFileSync(path.join(root, 'docs/protocol-format.md'), 'utf8');
const example = /## A complete example[\s\S]*?```yaml\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';

describe("docs/protocol-format.md's complete example", () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'accord-doc-'));
  after(() => rmSync(folder, { recursive: true, force: true }));

  test('passes accord protocol check', async () => {
    const file = path.join(folder, 'riverside.yaml');
    writeFileSync(file, example);
    const { stdout } = await promisify(execFile)(process.execPath, [
      path.join(root, 'src/cli/main.ts'),
      'protocol',
      'check',
      file,
    ]);
    assert.match(
      stdout,
      /is a valid protocol: Riverside resolving professional differences \(riverside, version 1\)/,
    );
  });

  const check = parseProtocolFile(example);
  const protocol = check.ok ? check.protocol : undefined;

  test('is unlike the four: hours, a cap from raising over several stages, a category pathway, a jump', () => {
    assert.ok(protocol);
    assert.ok(protocol.stages.some((stage) => stage.timescale.unit === 'hours'));
    assert.ok(protocol.caps.some((cap) => cap.from === 'raised' && cap.stages.length > 1));
    assert.equal(pathwayForCategory(protocol, 'case-closure'), 'early-help');
    assert.ok(protocol.stages.some((stage) => stage.jumpsTo.length > 0));
  });

  test('walks its ladder to the times the page states, including a jump', () => {
    assert.ok(protocol);
    const ladder = ladderFor(protocol);
    const calendar = workingCalendarFor(workingTimeOf(protocol));
    const raisedAt = london('2027-03-01T15:00');
    const due = (stages: StageStart[]) => {
      const current = stages.at(-1) as StageStart;
      return stageDue(
        { protocol, ladder, raisedAt, stages, calendar },
        current.key,
        current.startedAt,
      );
    };
    const conversation = { key: 'conversation', startedAt: raisedAt };
    assert.equal(inLondon(due([conversation]).dueAt), '2027-03-02T15:00');
    assert.equal(
      inLondon(
        due([conversation, { key: 'managers', startedAt: london('2027-03-02T16:00') }]).dueAt,
      ),
      '2027-03-05T16:30',
    );
    assert.deepEqual(
      escalationTargets(ladder, 'conversation').map((stage) => stage.key),
      ['managers', 'heads-of-service'],
    );
    const jumped = due([
      conversation,
      { key: 'heads-of-service', startedAt: london('2027-03-02T10:00') },
    ]);
    assert.equal(inLondon(jumped.dueAt), '2027-03-05T16:30');
    assert.deepEqual(
      jumped.parts.map((part) => [part.kind, inLondon(part.dueAt)]),
      [
        ['stage', '2027-03-05T16:30'],
        ['cap', '2027-03-15T16:30'],
      ],
    );
  });

  test('its early help pathway adds a stage to the ladder', () => {
    assert.ok(protocol);
    assert.deepEqual(
      ladderFor(protocol, 'early-help').stages.map((stage) => `${stage.key}:${stage.number}`),
      [
        'conversation:1',
        'early-help-coordinator:1a',
        'managers:2',
        'heads-of-service:3',
        'panel:4',
      ],
    );
  });
});
