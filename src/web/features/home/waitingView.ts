import { listInWords } from '../../../domain/calendar/formatting.ts';
import { relativeDue } from '../../../domain/calendar/relativeDue.ts';
import { childInBrief } from '../../../domain/disagreement/childInBrief.ts';
import { currentStage, stageLabel } from '../../../domain/disagreement/disagreement.ts';
import { otherSideInWords } from '../../../domain/disagreement/otherSide.ts';
import type { WaitingGroup } from '../../../domain/disagreement/waitingAsks.ts';
import { stageOf } from '../../../domain/protocol/ladder.ts';
import type { ListedCase, WaitingItem } from '../../../services/readDisagreements.ts';
import type { TeamHome } from '../../../services/teamHome.ts';

export type WaitingRow = {
  id: string;
  reference: string;
  /** Each child as initials and age: never a name. */
  children: string[];
  otherSide: string;
  stage: string;
  action: string;
  due: { words: string; by: string; overdue: boolean } | null;
  urgent: boolean;
  /** For ordering: the due instant, if any. */
  dueAt: string | null;
};

export type WaitingTable = { group: WaitingGroup; caption: string; rows: WaitingRow[] };

const captions: Record<WaitingGroup, (count: number) => string> = {
  confirm: (n) => `${n === 1 ? 'An outcome' : 'Outcomes'} to confirm (${n})`,
  stage: (n) => `${n === 1 ? 'A disagreement' : 'Disagreements'} to act on at a stage (${n})`,
  actions: (n) => `${n === 1 ? 'An action' : 'Actions'} you own (${n})`,
};

/** Overdue and urgent first, then overdue, then urgent, then the rest; each soonest due first. */
function rank(row: WaitingRow): number {
  const overdue = row.due?.overdue ?? false;
  return overdue && row.urgent ? 0 : overdue ? 1 : row.urgent ? 2 : 3;
}

export function byUrgency(a: WaitingRow, b: WaitingRow): number {
  return (
    rank(a) - rank(b) ||
    (a.dueAt === null ? (b.dueAt === null ? 0 : 1) : b.dueAt === null ? -1 : 0) ||
    (a.dueAt && b.dueAt ? Temporal.Instant.compare(a.dueAt, b.dueAt) : 0) ||
    a.reference.localeCompare(b.reference)
  );
}

/**
 * Waiting for you as the home page shows it: a table for each thing asked (outcomes to
 * confirm, stages to act at, actions owned), each row a case's reference, its children in
 * brief, the other agency as the person sees it, its stage, the person's action and when it
 * is due in working time; overdue and urgent first. Groups with nothing in them are left out.
 */
export function waitingTables(
  items: readonly WaitingItem[],
  agencyId: string | null,
): WaitingTable[] {
  const rows = new Map<WaitingGroup, WaitingRow[]>();
  for (const { disagreement, rules, asks, agencyNames } of items) {
    const today = rules.calendar.localDate(rules.now);
    const names = new Map([
      [disagreement.raiserAgencyId, agencyNames.raiser],
      ...disagreement.otherAgencyIds.map((id, i) => [id, agencyNames.others[i] ?? ''] as const),
    ]);
    const current = currentStage(disagreement);
    const shared = {
      id: disagreement.id,
      reference: disagreement.reference,
      children: disagreement.purgedAt
        ? []
        : disagreement.children.map((child) => childInBrief(child, today)),
      otherSide: otherSideInWords(disagreement, agencyId, (id) => names.get(id) ?? 'an agency'),
      stage: current ? stageLabel(rules, stageOf(rules.ladder, current.key)) : '',
      urgent: disagreement.urgent,
    };
    for (const ask of asks) {
      const due = ask.dueAt
        ? relativeDue(rules.calendar, Temporal.Instant.from(ask.dueAt), rules.now)
        : null;
      const row: WaitingRow = {
        ...shared,
        action: ask.action,
        due: due && { words: due.words, by: due.by, overdue: due.overdue },
        dueAt: ask.dueAt,
      };
      rows.set(ask.group, [...(rows.get(ask.group) ?? []), row]);
    }
  }
  return (['confirm', 'stage', 'actions'] as const).flatMap((group) => {
    const found = rows.get(group);
    if (!found) return [];
    return [{ group, caption: captions[group](found.length), rows: found.sort(byUrgency) }];
  });
}

/** The team's lists in words: whom each case is between, its stage, how overdue it is. */
export function teamView(team: TeamHome) {
  const nameOf = (id: string) => team.agencyNames.get(id) ?? 'an agency';
  const row = ({ disagreement, rules }: ListedCase) => {
    const current = currentStage(disagreement);
    const due = current?.dueAt
      ? relativeDue(rules.calendar, Temporal.Instant.from(current.dueAt), rules.now)
      : null;
    return {
      id: disagreement.id,
      reference: disagreement.reference,
      urgent: disagreement.urgent,
      between: otherSideInWords(disagreement, null, nameOf),
      agencies: listInWords(
        [disagreement.raiserAgencyId, ...disagreement.otherAgencyIds].map(nameOf),
      ),
      stage: current ? stageLabel(rules, stageOf(rules.ladder, current.key)) : '',
      due: due?.words ?? '',
    };
  };
  return {
    unacknowledged: { count: team.unacknowledged.count, rows: team.unacknowledged.first.map(row) },
    overdue: { count: team.overdue.count, rows: team.overdue.first.map(row) },
  };
}
