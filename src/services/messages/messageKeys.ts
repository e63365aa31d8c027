import type { MessageIntent } from '../../notify/handlers/messageIntent.ts';

// The one place de-duplication keys are made (docs/decisions/0006): a key is queued once, so
// one event gives one message per recipient however many times, or in however many instances,
// it is handled. Their forms are stored in the outbox: changing one would send again what was
// sent under the old form.

/** A case's message: of the change that made `version`, or of a deadline's occurrence. */
export function caseMessageKey(
  disagreement: { id: string; version: number },
  intent: Pick<MessageIntent, 'kind' | 'once'>,
  recipient: string,
): string {
  const once = intent.once;
  if (once && 'scope' in once) {
    return `${disagreement.id}:${once.scope}:${once.occurrence}:${recipient}`;
  }
  return `${caseVersionKeyPrefix(disagreement)}${once?.tag ?? intent.kind}:${recipient}`;
}

/** What the keys of every message of the change that made `version` start with. */
export function caseVersionKeyPrefix(disagreement: { id: string; version: number }): string {
  return `${disagreement.id}:v${disagreement.version}:`;
}

/** One morning summary a person a day: what arrives after it waits for the next. */
export function digestKey(personId: string, day: Temporal.PlainDate): string {
  return `digest:${personId}:${day.toString()}`;
}

/** An invitation to set a password: one e-mail per link (the hash of the link, never the link). */
export function invitationKey(linkHash: string): string {
  return `invitation:${linkHash}`;
}
