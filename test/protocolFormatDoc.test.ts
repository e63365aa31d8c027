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
import { protocolSchema } from '../src/domain/protocol/protocolSchema.ts';
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

/** A zod schema as its definition says (zod 4's `_zod.def`), for walking the file format. */
type SchemaNode = {
  _zod: {
    def: {
      type: string;
      innerType?: SchemaNode;
      in?: SchemaNode;
      element?: SchemaNode;
      valueType?: SchemaNode;
      shape?: Record<string, SchemaNode>;
    };
  };
};

/**
 * Every field the protocol schema accepts, by its place in the file (`stages[].timescale.unit`,
 * `pathways[].atStages.*.who`), and whether the file must have it. With `once`, a part written
 * the same way in several places (a stage under pathways[].stages, a cap under urgent.caps) is
 * walked only where it first appears.
 */
function schemaFields(once: boolean): Map<string, boolean> {
  const fields = new Map<string, boolean>();
  const walked = new Set<unknown>();
  const optional = new Set(['optional', 'default', 'prefault']);
  const walk = (node: SchemaNode, at: string): void => {
    const def = node._zod.def;
    const inner =
      optional.has(def.type) || def.type === 'nullable'
        ? { node: def.innerType, at }
        : def.type === 'pipe'
          ? { node: def.in, at }
          : def.type === 'array'
            ? { node: def.element, at: `${at}[]` }
            : def.type === 'record'
              ? { node: def.valueType, at: `${at}.*` }
              : undefined;
    if (inner?.node) {
      walk(inner.node, inner.at);
      return;
    }
    if (def.type !== 'object' || !def.shape || (once && walked.has(def.shape))) return;
    walked.add(def.shape);
    for (const [name, field] of Object.entries(def.shape)) {
      const place = at ? `${at}.${name}` : name;
      fields.set(place, !optional.has(field._zod.def.type));
      walk(field, place);
    }
  };
  walk(protocolSchema as unknown as SchemaNode, '');
  return fields;
}

/** The doc's tables of fields: each row's field (its first cell's first `code`) and its required? cell. */
function documentedFields(markdown: string) {
  const tables: string[][][] = [];
  let table: string[][] | undefined;
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) {
      table = undefined;
      continue;
    }
    if (/^\|[-:| ]+\|$/.test(line)) continue;
    if (!table) {
      table = [];
      tables.push(table);
    }
    table.push(
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );
  }
  const rows = new Map<string, string>();
  const withoutRequired: string[] = [];
  for (const [header = [], ...body] of tables) {
    if (header[0] !== 'field') continue;
    const column = header.indexOf('required?');
    if (column === -1) withoutRequired.push(header.join(' | '));
    for (const row of body) {
      const field = /`([^`]+)`/.exec(row[0] ?? '')?.[1];
      if (field) rows.set(field, column === -1 ? '' : (row[column] ?? ''));
    }
  }
  return { rows, withoutRequired };
}

describe("docs/protocol-format.md's tables", () => {
  const { rows, withoutRequired } = documentedFields(doc);
  const every = schemaFields(false);

  test('name every field the checker accepts', () => {
    const missing = [...schemaFields(true).keys()].filter((field) => !rows.has(field));
    assert.deepEqual(
      missing,
      [],
      `docs/protocol-format.md names no row for these fields the checker accepts: ${missing.join(', ')}`,
    );
  });

  test('name no field the checker would refuse', () => {
    const unknown = [...rows.keys()].filter((field) => !every.has(field));
    assert.deepEqual(unknown, [], `not fields of the protocol format: ${unknown.join(', ')}`);
  });

  test('say "yes" under required? exactly for the fields the file must have', () => {
    assert.deepEqual(withoutRequired, [], 'every table of fields has a required? column');
    const wrong = [...rows]
      .filter(
        ([field, required]) => every.has(field) && required.startsWith('yes') !== every.get(field),
      )
      .map(([field, required]) => `${field} (says "${required}")`);
    assert.deepEqual(wrong, [], `required? is wrong for: ${wrong.join(', ')}`);
  });
});
