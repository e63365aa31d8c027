import type { CaseAccess } from '../../domain/access/can.ts';
import type {
  Agency,
  LocalAuthority,
  OnCallContact,
  Person,
} from '../../domain/directory/directory.ts';
import type { CaseEvent, EventOf } from '../../domain/disagreement/caseEvents.ts';
import type { CaseRules, Disagreement } from '../../domain/disagreement/disagreement.ts';
import type { CaseFacts, Message, MessageKind } from '../messages.ts';

/**
 * A message an event calls for, before it is queued: what it says and whom it is for. The
 * queue (services/messages/queueMessages.ts) decides the rest once for every message: that
 * each person is active and may see the case now, the de-duplication key, whether it waits
 * for a morning summary.
 */
export type MessageIntent = {
  kind: MessageKind;
  /** People, or the address of a team that is not a person (a monitoring team's inbox). */
  to: readonly Person[] | { address: string };
  message: Message;
  /** Told even when they are the person who acted (a reminder to themselves). */
  toActor?: boolean;
  /**
   * Also told if they could see the case just before the change and no longer can: a person
   * dropped from a meeting hears that it is off their calendar, and nothing else.
   */
  toThoseWhoSawItBefore?: boolean;
  /**
   * What makes it once-only: by default the change it comes from; a deadline's occurrence
   * names its own; `tag` replaces the kind in the key where the kind is shared.
   */
  once?: { tag: string } | { scope: string; occurrence: string };
  /** An iCalendar invitation to go with it. */
  calendar?: string;
};

/** What a handler may read: the case as it is now, its rules, and its directory. Pure data. */
export type MessageFacts = {
  disagreement: Disagreement;
  rules: CaseRules;
  /**
   * The party agencies' people, the partnership's own, and anyone assigned to the case from
   * elsewhere; for the clock's sweep, only those of them a message can name or pick
   * (services/messages/wholeDirectory.ts): never list an agency's people from here.
   */
  people: readonly Person[];
  agencies: readonly Agency[];
  partnershipTeam: readonly Person[];
  localAuthority: LocalAuthority | undefined;
  onCall: readonly OnCallContact[];
  /** How people stand to the case now: who may be told of it. */
  access: CaseAccess;
  /** The person whose action caused the events; null for the clock's. */
  actorId: string | null;
  facts: CaseFacts;
  /** When the messages are made: invitations are stamped with it. */
  now: Temporal.Instant;
};

export type MessageHandler<Event extends CaseEvent = CaseEvent> = (
  event: Event,
  facts: MessageFacts,
) => MessageIntent[];

export type MessageHandlers = { [Type in CaseEvent['type']]: MessageHandler<EventOf<Type>> };
