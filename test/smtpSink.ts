import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A message as the SMTP server received it. */
export type ReceivedMail = { to: string[]; subject: string; text: string };

/**
 * A real SMTP server on 127.0.0.1 for tests (STARTTLS off, no authentication): it keeps what
 * it receives, and can be stopped and started again on the same port, as a mail server that
 * goes down for a while does.
 */
export async function startSmtpSink(port = 0): Promise<{
  received: ReceivedMail[];
  url: string;
  port: number;
  stop(): Promise<void>;
  restart(): Promise<void>;
}> {
  const received: ReceivedMail[] = [];
  const create = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      // Stopping drops pooled client connections at once, as a mail server that dies does.
      closeTimeout: 50,
      logger: false,
      onData(stream, session, callback) {
        simpleParser(stream)
          .then((mail) => {
            received.push({
              to: (session.envelope.rcptTo ?? []).map((address) => address.address),
              subject: mail.subject ?? '',
              text: mail.text ?? '',
            });
            callback();
          })
          .catch(callback);
      },
    });
  let server = create();
  const listen = (on: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(on, '127.0.0.1', () => {
        resolve((server.server.address() as AddressInfo).port);
      });
    });
  const actualPort = await listen(port);
  const stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return {
    received,
    port: actualPort,
    url: `smtp://127.0.0.1:${actualPort}/?ignoreTLS=true`,
    stop,
    async restart() {
      server = create();
      await listen(actualPort);
    },
  };
}
