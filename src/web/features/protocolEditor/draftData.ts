import { parse } from 'yaml';
import { draftAsYaml } from '../../../domain/protocol/protocolYaml.ts';
import {
  type ProtocolProblem,
  validateProtocol,
} from '../../../domain/protocol/validateProtocol.ts';

/**
 * A draft as the editor reads it: the YAML parsed without checking it (a draft may be
 * incomplete), changed by the pages, and written back through draftYaml.
 */
export type DraftData = Record<string, unknown>;
export type Entry = Record<string, unknown>;

export function readDraftData(source: string): DraftData {
  try {
    const data: unknown = parse(source);
    return isRecord(data) ? data : {};
  } catch {
    return {};
  }
}

/** The draft as YAML (draftAsYaml: as the protocol it is once it passes the checker). */
export function draftYaml(data: DraftData): string {
  return draftAsYaml(data);
}

/** What the checker says of the draft (validateProtocol's problems; none when it passes). */
export function draftProblems(data: DraftData): ProtocolProblem[] {
  const check = validateProtocol(data);
  return check.ok ? [] : check.problems;
}

export function isRecord(value: unknown): value is Entry {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
export const rec = (value: unknown): Entry => (isRecord(value) ? value : {});
export const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
export const str = (value: unknown): string =>
  value === undefined || value === null ? '' : typeof value === 'object' ? '' : String(value);
export const strs = (value: unknown): string[] => list(value).map(str);
export const entries = (value: unknown): Entry[] => list(value).map(rec);

/** The keys of every stage the draft defines: the main ladder's, then each pathway's own. */
export function allStageKeys(data: DraftData): string[] {
  const keys = [
    ...entries(data.stages).map((stage) => str(stage.key)),
    ...entries(data.pathways).flatMap((pathway) =>
      entries(pathway.stages).map((stage) => str(stage.key)),
    ),
  ];
  return [...new Set(keys.filter((key) => key !== ''))];
}

/** A stage's name for a list: "Stage 2: Manager discussion". */
export function stageLabel(data: DraftData, stage: Entry): string {
  const word = str(rec(data.terms).stage) || 'stage';
  const number = str(stage.number);
  const name = str(stage.name) || str(stage.key) || 'Unnamed';
  return number ? `${word.charAt(0).toUpperCase()}${word.slice(1)} ${number}: ${name}` : name;
}

/** The object without the fields that are undefined. */
export function compact(entry: Entry): Entry {
  return Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== undefined));
}
