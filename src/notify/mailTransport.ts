import { createRequire } from 'node:module';
import type { Logger } from '../logger.ts';

/** How long any one send may take before it counts as failed (well inside the outbox's lease). */
export const SEND_TIMEOUT_MS = 30_000;

/** One e-mail, as Accord sends it: plain text only. */
export type OutgoingMail = {
  to: string;
  subject: string;
  body: string;
  /** An iCalendar invitation (METHOD:REQUEST), sent as the calendar part of the e-mail. */
  calendar?: string | null | undefined;
};

/** Where mail goes. `send` resolves once the server accepted the message, or throws. */
export type MailTransport = {
  name: string;
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
};

/** SMTP through nodemailer; SMTP_URL carries host, port, credentials and options. */
export function smtpTransport(smtpUrl: string, from: string): MailTransport {
  // A few pooled connections, so a batch of messages does not open one connection each.
  // A few pooled connections, so a batch does not open one each; every step gives up within
  // the dispatcher's lease, so a slow server never lets a message be sent twice.
  const timeout = SEND_TIMEOUT_MS;
  // nodemailer loads only when SMTP is the transport configured.
  const nodemailer = createRequire(import.meta.url)('nodemailer') as typeof import('nodemailer');
  const transporter = nodemailer.createTransport(
    {
      url: smtpUrl,
      pool: true,
      maxConnections: 3,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    },
    { from },
  );
  return {
    name: 'smtp',
    async send(mail) {
      await transporter.sendMail({
        to: mail.to,
        subject: mail.subject,
        text: mail.body,
        ...(mail.calendar
          ? { icalEvent: { method: 'REQUEST', filename: 'invitation.ics', content: mail.calendar } }
          : {}),
      });
    },
    close: () => transporter.close(),
  };
}

/** For development: the message is logged (subject, and the address masked), not sent. */
export function logTransport(logger: Logger): MailTransport {
  return {
    name: 'log',
    async send(mail) {
      const masked = mail.to.replace(/^(.).*@/, '$1…@');
      logger.info({ to: masked, subject: mail.subject }, 'mail (MAIL_TRANSPORT=log: not sent)');
    },
    close: () => {},
  };
}
