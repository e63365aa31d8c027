import { isDeepStrictEqual } from 'node:util';
import { Document, type Node, Pair, Scalar, type ScalarTag, YAMLMap, YAMLSeq } from 'yaml';
import type { Protocol } from './protocolSchema.ts';
import { protocolLayout, type Shape } from './protocolYamlLayout.ts';
import { validateProtocol } from './validateProtocol.ts';

/**
 * A protocol as the YAML of its file: the fields in the order and style of the built-in files
 * and docs/protocol-format.md, every field equal to its schema default left out, short lists
 * and maps on one line when they fit (`roles: { raising: [practitioner], other: [manager] }`),
 * long text folded (`>-`), text of several lines literal (`|-`), clock times quoted. A pure function of the parsed protocol: reading the YAML
 * back gives the same protocol, and writing that again gives the same bytes.
 */
export function protocolToYaml(protocol: Protocol): string {
  return writeYaml(protocol);
}

/**
 * A draft that may not pass the checker yet (the editor saves incomplete protocols), in the
 * same order and style as protocolToYaml, as far as its shape allows: fields of the wrong type
 * or unknown to the format are written as they are, after the known ones. Never throws.
 */
export function draftToYaml(value: unknown): string {
  try {
    return writeYaml(value);
  } catch {
    try {
      return new Document(JSON.parse(JSON.stringify(value) ?? 'null')).toString();
    } catch {
      return '';
    }
  }
}

/**
 * What the editor stores for a draft: a draft the checker passes as the protocol it is
 * (protocolToYaml: defaults left out, byte-stable from then on), an unfinished one as it
 * stands (draftToYaml), so no change is lost and the checker still names what is wrong.
 */
export function draftAsYaml(value: unknown): string {
  const check = validateProtocol(value);
  return check.ok ? protocolToYaml(check.protocol) : draftToYaml(value);
}

/** The width the built-in files keep to; longer text is folded, longer flow lists go block. */
const LINE_WIDTH = 100;

function writeYaml(value: unknown): string {
  const document = new Document(null, { customTags: [oneLineTag] });
  document.contents = (nodeOf(value, protocolLayout, 0, 0, new Set()) ?? null) as Node | null;
  return document.toString({ lineWidth: LINE_WIDTH, indentSeq: true });
}

/** A collection already written on one line in flow style, placed in the document as it is. */
class OneLine {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

const oneLineTag: ScalarTag = {
  tag: 'tag:accord.example.org,2026:one-line',
  default: true,
  identify: (value) => value instanceof OneLine,
  resolve: (source) => source,
  stringify: (item) => ((item as Scalar).value as OneLine).text,
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * The node for a value of a shape. `inline` is the column the value starts at when it follows
 * its key or dash on the same line; `indent` the column of its own entries or dashes when it is
 * written as a block. Undefined when the value is to be left out.
 */
function nodeOf(
  value: unknown,
  shape: Shape,
  inline: number,
  indent: number,
  open: Set<object>,
): Node | undefined {
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') {
    return undefined;
  }
  if (typeof value === 'object' && value !== null) {
    if (open.has(value)) return undefined;
    if ('flow' in shape && shape.flow) {
      const line = flowText(value, shape);
      if (line !== undefined && inline + line.length <= LINE_WIDTH) {
        return new Scalar(new OneLine(line));
      }
    }
    open.add(value);
    try {
      if (shape.kind === 'map' && isPlainObject(value)) return mapNode(value, shape, indent, open);
      if (shape.kind === 'record' && isPlainObject(value)) {
        return recordNode(value, shape.value, indent, open);
      }
      if (shape.kind === 'list' && Array.isArray(value)) {
        return listNode(value, shape.item, indent, open, shape.blankBetween === true);
      }
      return anyNode(value, indent, open);
    } finally {
      open.delete(value);
    }
  }
  return scalarNode(value, shape, inline);
}

function scalarNode(value: unknown, shape: Shape, inline: number): Node {
  if (typeof value === 'bigint') return new Scalar(String(value));
  if (shape.kind === 'stageNumber' && typeof value === 'string') {
    return new Scalar(plainNumber(value) ?? value);
  }
  const scalar = new Scalar(value);
  if (typeof value === 'string') {
    if (shape.kind === 'clock') scalar.type = Scalar.QUOTE_DOUBLE;
    else if (value.includes('\n')) scalar.type = Scalar.BLOCK_LITERAL;
    else if (inline + value.length > LINE_WIDTH) scalar.type = Scalar.BLOCK_FOLDED;
  }
  return scalar;
}

/** A stage number of digits only, as the number it reads back as; otherwise undefined. */
function plainNumber(value: string): number | undefined {
  if (!/^(?:0|[1-9]\d*)$/.test(value)) return undefined;
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : undefined;
}

function mapNode(
  value: Record<string, unknown>,
  shape: Extract<Shape, { kind: 'map' }>,
  indent: number,
  open: Set<object>,
): YAMLMap {
  const map = new YAMLMap();
  const known = new Set<string>();
  for (const field of shape.fields) {
    known.add(field.key);
    if (!Object.hasOwn(value, field.key)) continue;
    const fieldValue = value[field.key];
    if ('default' in field && isDeepStrictEqual(fieldValue, field.default)) continue;
    const child = nodeOf(fieldValue, field.shape, indent + field.key.length + 2, indent + 2, open);
    if (child === undefined || (isEmptyDefault(field.default) && isEmptyMap(child))) continue;
    const key = new Scalar(field.key);
    if (field.blankBefore && map.items.length > 0) key.spaceBefore = true;
    map.add(new Pair(key, child));
  }
  for (const [key, fieldValue] of Object.entries(value)) {
    if (known.has(key)) continue;
    const child = nodeOf(fieldValue, { kind: 'any' }, indent + key.length + 2, indent + 2, open);
    if (child !== undefined) map.add(new Pair(new Scalar(key), child));
  }
  return map;
}

/** A map left out when empty: its every field was its default (`onEntry` with nothing on). */
function isEmptyDefault(value: unknown): boolean {
  return isPlainObject(value) && Object.keys(value).length === 0;
}

function isEmptyMap(node: Node): boolean {
  if (node instanceof YAMLMap) return node.items.length === 0;
  return node instanceof Scalar && node.value instanceof OneLine && node.value.text === '{}';
}

function recordNode(
  value: Record<string, unknown>,
  valueShape: Shape,
  indent: number,
  open: Set<object>,
): YAMLMap {
  const map = new YAMLMap();
  for (const [key, entry] of Object.entries(value)) {
    const child = nodeOf(entry, valueShape, indent + key.length + 2, indent + 2, open);
    if (child !== undefined) map.add(new Pair(new Scalar(key), child));
  }
  return map;
}

function listNode(
  value: readonly unknown[],
  itemShape: Shape,
  indent: number,
  open: Set<object>,
  blankBetween: boolean,
): YAMLSeq {
  const list = new YAMLSeq();
  for (const item of value) {
    // A hole or an unwritable item is null, so that the others keep their places.
    const child = nodeOf(item, itemShape, indent + 2, indent + 2, open) ?? new Scalar(null);
    if (blankBetween && list.items.length > 0) child.spaceBefore = true;
    list.add(child);
  }
  return list;
}

function anyNode(value: object, indent: number, open: Set<object>): Node {
  const any: Shape = { kind: 'any' };
  if (Array.isArray(value)) return listNode(value, any, indent, open, false);
  if (value instanceof Date) {
    return new Scalar(Number.isNaN(value.getTime()) ? null : value.toISOString());
  }
  if (isPlainObject(value)) return recordNode(value, any, indent, open);
  return new Scalar(String(value));
}

/**
 * A collection on one line in flow style (`{ unit: hours, amount: 24 }`, `[stage-1, stage-2]`),
 * or undefined when part of it cannot be (text over several lines, an object of no known
 * shape).
 */
function flowText(value: unknown, shape: Shape): string | undefined {
  if (shape.kind === 'list') {
    if (!Array.isArray(value)) return undefined;
    const items: string[] = [];
    for (const item of value) {
      const line = flowText(item, shape.item);
      if (line === undefined) return undefined;
      items.push(line);
    }
    return `[${items.join(', ')}]`;
  }
  if (shape.kind === 'map' || shape.kind === 'record') {
    if (!isPlainObject(value)) return undefined;
    const entries: [string, unknown, Shape][] =
      shape.kind === 'record'
        ? Object.entries(value).map(([key, entry]) => [key, entry, shape.value])
        : flowFields(value, shape);
    const parts: string[] = [];
    for (const [key, entry, entryShape] of entries) {
      if (entry === undefined) continue;
      const keyText = flowScalar(key);
      const line = flowText(entry, entryShape);
      if (keyText === undefined || line === undefined) return undefined;
      parts.push(`${keyText}: ${line}`);
    }
    return parts.length === 0 ? '{}' : `{ ${parts.join(', ')} }`;
  }
  if (typeof value === 'object' && value !== null) return undefined;
  if (typeof value === 'string' && shape.kind === 'clock') return JSON.stringify(value);
  if (typeof value === 'string' && shape.kind === 'stageNumber') {
    return String(plainNumber(value) ?? flowScalar(value));
  }
  return flowScalar(value);
}

function flowFields(
  value: Record<string, unknown>,
  shape: Extract<Shape, { kind: 'map' }>,
): [string, unknown, Shape][] {
  const known = new Set(shape.fields.map((field) => field.key));
  return [
    ...shape.fields
      .filter(
        (field) =>
          Object.hasOwn(value, field.key) &&
          !('default' in field && isDeepStrictEqual(value[field.key], field.default)),
      )
      .map((field): [string, unknown, Shape] => [field.key, value[field.key], field.shape]),
    ...Object.entries(value)
      .filter(([key]) => !known.has(key))
      .map(([key, entry]): [string, unknown, Shape] => [key, entry, { kind: 'any' }]),
  ];
}

/** One scalar as it is written inside a flow collection, quoted only where it must be. */
function flowScalar(value: unknown): string | undefined {
  if (typeof value === 'bigint') return flowScalar(String(value));
  if (typeof value === 'function' || typeof value === 'symbol') return undefined;
  const document = new Document([value]);
  (document.contents as YAMLSeq).flow = true;
  const written = document.toString({ lineWidth: 0, flowCollectionPadding: false });
  if (!written.startsWith('[') || !written.endsWith(']\n')) return undefined;
  const inner = written.slice(1, -2);
  return inner.includes('\n') || inner === '' ? undefined : inner;
}
