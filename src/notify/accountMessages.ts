import { formatInstant } from '../domain/calendar/formatting.ts';
import type { Message } from './messages.ts';

// E-mails about a person's own account, not about a case: they carry the person's own link
// and nothing about any child or case.

/** Invitations are about the account, not a partnership: their times read in UK time. */
const ACCOUNT_TIME_ZONE = 'Europe/London';

/** An administrator's invitation to set a password for Accord (services/accountAdministration.ts). */
export function invitationMessage(facts: {
  name: string;
  link: string;
  expires: Temporal.Instant;
}): Message {
  return {
    subject: 'Set your password for Accord',
    body: [
      `Dear ${facts.name},`,
      'An administrator has given you an account on Accord, the service for professional disagreements about children’s safeguarding.',
      `To start, set your password with this link: ${facts.link}`,
      `The link works once, until ${formatInstant(facts.expires, ACCOUNT_TIME_ZONE)}. If it has expired, ask your Accord administrator for a new one.`,
      'If you were not expecting this e-mail, you do not need to do anything. Do not reply to this e-mail.',
    ].join('\n\n'),
  };
}
