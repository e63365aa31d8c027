import type { Kysely } from 'kysely';
import { organisationRepository } from '../../db/repositories/organisationRepository.ts';
import { outboxRepository, type QueuedMessage } from '../../db/repositories/outboxRepository.ts';
import { peopleRepository } from '../../db/repositories/peopleRepository.ts';
import type { DatabaseSchema } from '../../db/schema.ts';
import { type CaseAccess, maySee } from '../../domain/access/can.ts';
import { type Clock, isoInstant } from '../../domain/clock.ts';
import type {
  Agency,
  LocalAuthority,
  OnCallContact,
  Person,
} from '../../domain/directory/directory.ts';
import type { CaseEvent } from '../../domain/disagreement/caseEvents.ts';
import type { CaseRules, Disagreement } from '../../domain/disagreement/disagreement.ts';
import { messagesFor } from '../../notify/handlers/messageHandlers.ts';
import type { MessageFacts, MessageIntent } from '../../notify/handlers/messageIntent.ts';
import { caseFacts, type Message, routineKinds } from '../../notify/messages.ts';
import { type CaseStanding, caseAccessOfMany, peopleOfCase } from '../caseAccess.ts';
import { DEFAULT_BASE_URL } from '../caseDeps.ts';
import { caseMessageKey, digestKey } from './messageKeys.ts';
import { peopleMessagesCanName, type WholeDirectory, wholeDirectory } from './wholeDirectory.ts';

/**
 * The one way a message reaches the outbox (docs/decisions/0006). The pure handlers of
 * notify/handlers/ say what each event calls for; here, once for every message: the people
 * told are active and may see the case now (so nobody hears of a case they cannot open: East
 * Riding's stage 1 stays inside the raising agency), the person who acted is not told of what
 * they did, each address hears once, the key makes it once-only, routine news may wait for a
 * morning summary, and nothing is queued at all while the demo data set loads.
 */

type Db = Kysely<DatabaseSchema>;
export type MessageDeps = { clock: Clock; baseUrl?: string | undefined; quiet?: boolean };

/** A case and what just happened to it. */
export type CaseChange = {
  disagreement: Disagreement;
  rules: CaseRules;
  events: readonly CaseEvent[];
  /** Who acted; null when the clock or the system did. */
  actorId: string | null;
  /** How people stood to the case before the change. */
  accessBefore?: CaseAccess;
  /** Who stands where on it now, when its save has just worked that out. */
  standing?: CaseStanding;
};

type PartnershipDirectory = {
  agencies: Agency[];
  partnershipTeam: Person[];
  localAuthorities: LocalAuthority[];
  onCall: OnCallContact[];
  /** Every person of the partnership indexed, when cases are many (the clock's batches). */
  whole: WholeDirectory | null;
};

/** What handlers read of the directory, read once per partnership for a batch of cases. */
export function messageDirectories(db: Db, options: { wholePartnerships?: boolean } = {}) {
  const partnerships = new Map<string, Promise<PartnershipDirectory>>();
  const ofPartnership = (partnershipId: string) => {
    let found = partnerships.get(partnershipId);
    if (!found) {
      found = (async () => {
        const organisations = organisationRepository(db);
        const people = peopleRepository(db);
        const whole = options.wholePartnerships
          ? wholeDirectory(await people.inPartnership(partnershipId))
          : null;
        return {
          agencies: await organisations.agencies(partnershipId),
          partnershipTeam: await people.withRole(partnershipId, 'partnership-team'),
          localAuthorities: await organisations.localAuthorities(partnershipId),
          onCall: await organisations.onCallContacts(partnershipId),
          whole,
        };
      })();
      partnerships.set(partnershipId, found);
    }
    return found;
  };
  return {
    ofPartnership,
    /**
     * The people handlers read for a case: for one case, its party agencies' people, the
     * partnership's own and those assigned from elsewhere (peopleOfCase); over a whole
     * partnership, only those of them messages can name or pick (peopleMessagesCanName).
     */
    async peopleOf(disagreement: Disagreement): Promise<Person[]> {
      const { whole } = await ofPartnership(disagreement.partnershipId);
      return whole ? peopleMessagesCanName(whole, disagreement) : peopleOfCase(db, disagreement);
    },
  };
}
export type MessageDirectories = ReturnType<typeof messageDirectories>;

/** The messages the changes call for, queued in the caller's transaction; how many were new. */
export async function queueCaseMessages(
  db: Db,
  deps: MessageDeps,
  changes: readonly CaseChange[],
  directories: MessageDirectories = messageDirectories(db),
): Promise<number> {
  const eventful = changes.filter((change) => change.events.length > 0);
  if (deps.quiet || eventful.length === 0) return 0;
  const now = deps.clock.now();
  const accessNow = await caseAccessOfMany(
    db,
    eventful.map((change) => ({ ...change, involved: change.standing?.involved })),
  );
  const rows: QueuedMessage[] = [];
  for (const change of eventful) {
    const { disagreement } = change;
    const partnership = await directories.ofPartnership(disagreement.partnershipId);
    const access = accessNow.get(disagreement.id) as CaseAccess;
    const agencyName = (id: string) =>
      partnership.agencies.find((agency) => agency.id === id)?.name ?? 'an agency';
    const facts: MessageFacts = {
      disagreement,
      rules: change.rules,
      people: await withThoseAMovedMeetingDropped(
        db,
        change.events,
        change.standing?.people ?? (await directories.peopleOf(disagreement)),
      ),
      agencies: partnership.agencies,
      partnershipTeam: partnership.partnershipTeam,
      localAuthority: partnership.localAuthorities.find(
        (authority) => authority.id === disagreement.localAuthorityId,
      ),
      onCall: partnership.onCall,
      access,
      actorId: change.actorId,
      facts: caseFacts(disagreement, agencyName, deps.baseUrl ?? DEFAULT_BASE_URL),
      now,
    };
    for (const event of change.events) {
      for (const intent of messagesFor(event, facts)) {
        rows.push(...rowsOf(intent, change, access));
      }
    }
  }
  return outboxRepository(db).enqueue(rows, isoInstant(now));
}

/**
 * Those a moved meeting no longer invites (a chair replaced, say) may no longer stand on the
 * case, yet they are told it was cancelled for them: they are read too.
 */
async function withThoseAMovedMeetingDropped(
  db: Db,
  events: readonly CaseEvent[],
  people: Person[],
): Promise<Person[]> {
  const moved = events.flatMap((event) =>
    event.type === 'MeetingArranged' && event.previous ? [event.previous] : [],
  );
  // Most changes move no meeting: the case's people (thousands, in a large agency) are then
  // not walked at all.
  if (moved.length === 0) return people;
  const known = new Set(people.map((person) => person.id));
  const dropped = moved.flatMap((previous) => previous.attendeeIds.filter((id) => !known.has(id)));
  if (dropped.length === 0) return people;
  return [...people, ...(await peopleRepository(db).getMany([...new Set(dropped)]))];
}

/** One intent as the outbox's rows: one per address that may hear it. */
function rowsOf(intent: MessageIntent, change: CaseChange, access: CaseAccess): QueuedMessage[] {
  const { disagreement } = change;
  const row = (recipient: string, personId: string | null): QueuedMessage => ({
    kind: intent.kind,
    dedupeKey: caseMessageKey(disagreement, intent, recipient),
    partnershipId: disagreement.partnershipId,
    disagreementId: disagreement.id,
    personId,
    recipient,
    digestible: routineKinds.has(intent.kind) && !disagreement.urgent,
    calendar: intent.calendar ?? null,
    ...intent.message,
  });
  // A team's inbox (the monitoring team's) is the partnership's own, not a person's.
  if ('address' in intent.to) return [row(intent.to.address, null)];
  const seen = new Set<string>();
  const rows: QueuedMessage[] = [];
  for (const person of intent.to) {
    if (seen.has(person.email)) continue;
    if (person.id === change.actorId && !intent.toActor) continue;
    const mayHear =
      maySee(person, access) ||
      (intent.toThoseWhoSawItBefore === true &&
        change.accessBefore !== undefined &&
        maySee(person, change.accessBefore));
    if (!mayHear) continue;
    seen.add(person.email);
    rows.push(row(person.email, person.id));
  }
  return rows;
}

/**
 * A person's morning summary, made of their held messages; false when today's was queued
 * already (the held ones then wait for tomorrow's).
 */
export async function queueDigest(
  db: Db,
  deps: MessageDeps,
  digest: { person: Person; day: Temporal.PlainDate; message: Message },
): Promise<boolean> {
  if (deps.quiet) return false;
  const added = await outboxRepository(db).enqueue(
    [
      {
        kind: 'digest',
        dedupeKey: digestKey(digest.person.id, digest.day),
        partnershipId: digest.person.partnershipId,
        disagreementId: null,
        personId: digest.person.id,
        recipient: digest.person.email,
        ...digest.message,
      },
    ],
    isoInstant(deps.clock.now()),
  );
  return added === 1;
}
