import type { Kysely } from 'kysely';
import { organisationRepository } from '../db/repositories/organisationRepository.ts';
import { partnershipRepository } from '../db/repositories/partnershipRepository.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { type WorkingCalendar, workingCalendarFor } from '../domain/calendar/workingCalendar.ts';
import type { Partnership } from '../domain/directory/directory.ts';
import type { CaseRules, Disagreement } from '../domain/disagreement/disagreement.ts';
import { NotFound } from '../domain/errors.ts';
import { withCaseTerms } from '../domain/protocol/caseTerms.ts';
import { ladderFor } from '../domain/protocol/ladder.ts';
import type { Protocol } from '../domain/protocol/protocolSchema.ts';
import { parseProtocolFile } from '../domain/protocol/validateProtocol.ts';

// The rules a case runs on: the protocol version it started under, its pathway's ladder, and
// its partnership's working calendar, read once per process where they cannot change. The
// protocol is told in the case's words: its local authority's front door and monitoring team
// (domain/protocol/caseTerms.ts), so that a Blackpool case says MASA wherever it is printed.

type Db = Kysely<DatabaseSchema>;

const protocols = new Map<string, Protocol>();
const calendars = new Map<string, WorkingCalendar>();

/**
 * A stored protocol version never changes, so it is read once per process: a version asked
 * for by number (a case's) is not read again at all; the newest is always looked up.
 */
export async function protocolOf(db: Db, partnershipId: string, version?: number) {
  const known = version === undefined ? undefined : protocols.get(`${partnershipId}:${version}`);
  if (known && version !== undefined) return { version, protocol: known };
  const stored = await partnershipRepository(db).protocolVersion(partnershipId, version);
  if (!stored) throw new NotFound('There is no such partnership');
  const key = `${partnershipId}:${stored.version}`;
  let protocol = protocols.get(key);
  if (!protocol) {
    const check = parseProtocolFile(stored.source);
    if (!check.ok) throw new Error(`stored protocol ${key} no longer reads`);
    protocol = check.protocol;
    protocols.set(key, protocol);
  }
  return { version: stored.version, protocol };
}

export function calendarOf(partnership: Partnership): WorkingCalendar {
  const key = JSON.stringify(partnership.workingTime);
  let calendar = calendars.get(key);
  if (!calendar) {
    calendar = workingCalendarFor(partnership.workingTime);
    if (calendars.size > 100) calendars.clear();
    calendars.set(key, calendar);
  }
  return calendar;
}

export type LoadedRules = CaseRules & { partnership: Partnership };

export async function rulesFor(
  db: Db,
  disagreement: Pick<Disagreement, 'partnershipId' | 'protocolVersion' | 'pathway'> &
    Partial<Pick<Disagreement, 'localAuthorityId'>>,
  now: Temporal.Instant,
  /** The partnership, where the caller has just read it. */
  known?: Partnership,
): Promise<LoadedRules> {
  const partnership =
    known?.id === disagreement.partnershipId
      ? known
      : await partnershipRepository(db).get(disagreement.partnershipId);
  if (!partnership) throw new NotFound('There is no such partnership');
  const adopted = await protocolOf(db, disagreement.partnershipId, disagreement.protocolVersion);
  const localAuthority = disagreement.localAuthorityId
    ? (await organisationRepository(db).localAuthorities(disagreement.partnershipId)).find(
        (authority) => authority.id === disagreement.localAuthorityId,
      )
    : undefined;
  const protocol = withCaseTerms(adopted.protocol, localAuthority);
  return {
    partnership,
    protocol,
    ladder: ladderFor(protocol, disagreement.pathway),
    calendar: calendarOf(partnership),
    now,
  };
}

/** Cases of one partnership, protocol version, pathway and local authority share their rules: read them once. */
export function rulesCache(db: Db, now: Temporal.Instant, partnership?: Partnership) {
  const known = new Map<string, Promise<LoadedRules>>();
  return (disagreement: Disagreement) => {
    const key = `${disagreement.partnershipId}:${disagreement.protocolVersion}:${disagreement.pathway}:${disagreement.localAuthorityId ?? ''}`;
    let rules = known.get(key);
    if (!rules) {
      rules = rulesFor(db, disagreement, now, partnership);
      known.set(key, rules);
    }
    return rules;
  };
}
