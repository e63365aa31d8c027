import { formatInstant, listInWords } from '../../../domain/calendar/formatting.ts';
import { stageLabel } from '../../../domain/disagreement/disagreement.ts';
import { stageOf } from '../../../domain/protocol/ladder.ts';
import { recordModeNames } from '../../../domain/vocabularyNames.ts';
import type { CaseView } from '../../../services/readDisagreements.ts';

// A recorded text longer than this shows its start, the rest folded in a "Read the rest".
const FOLD_OVER = 600;
// Where the start is cut: at the last space before this many characters, so the fold
// always hides a good part of the text.
const START_UP_TO = 500;

/** A recorded text as the timeline shows it: all of it, or its start and the rest folded. */
export type FoldedText = { start: string; rest: string };

export type HistoryItem = {
  title: string;
  /** Who recorded or did it; empty when nobody (a job) did. */
  by: string;
  /** At which stage a record was made: "At Stage 1 (Line managers)". */
  at: string;
  /** ISO 8601, for <time datetime>. */
  datetime: string;
  when: string;
  text: FoldedText | null;
};

/** The records and the case's own history, newest first, for MoJ's timeline. */
export function caseHistory(
  { disagreement, rules }: CaseView,
  personName: (id: string) => string,
): HistoryItem[] {
  return [
    ...disagreement.records.map((record) => ({
      datetime: record.occurredAt,
      title: `${recordModeNames[record.mode]}${record.participants.length ? ` with ${listInWords(record.participants)}` : ''}`,
      by: personName(record.recordedBy),
      at: `At ${stageLabel(rules, stageOf(rules.ladder, record.stageKey))}`,
      text: folded(record.summary),
    })),
    ...disagreement.history.map((entry) => ({
      datetime: entry.at,
      // A purged case's entries keep only what happened: "Outcome proposed".
      title:
        entry.text || `${entry.kind[0]?.toUpperCase()}${entry.kind.slice(1).replaceAll('-', ' ')}`,
      by: entry.personId ? personName(entry.personId) : '',
      at: '',
      text: null,
    })),
  ]
    .sort((a, b) => Temporal.Instant.compare(b.datetime, a.datetime))
    .map((item) => ({
      ...item,
      when: formatInstant(Temporal.Instant.from(item.datetime), rules.calendar.timeZone),
    }));
}

/** The whole text when short; else its start, cut between words, and the rest. */
export function folded(text: string): FoldedText | null {
  if (text === '') return null;
  if (text.length <= FOLD_OVER) return { start: text, rest: '' };
  const head = text.slice(0, START_UP_TO);
  const space = Math.max(head.lastIndexOf(' '), head.lastIndexOf('\n'));
  const cut = space > START_UP_TO / 2 ? space : START_UP_TO;
  return { start: text.slice(0, cut).trimEnd(), rest: text.slice(cut).trimStart() };
}
