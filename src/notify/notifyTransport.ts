import axios from 'axios';
import { NotifyClient } from 'notifications-node-client';
import { type MailTransport, SEND_TIMEOUT_MS } from './mailTransport.ts';

/**
 * GOV.UK Notify through its own client. Notify sends from its template, so the template's
 * subject is ((subject)) and its body ((body)); Accord fills both.
 */
export function notifyTransport(options: {
  apiKey: string;
  baseUrl: string;
  templateId: string;
}): MailTransport {
  const client = new NotifyClient(options.baseUrl, options.apiKey);
  // Notify's client waits for ever by default: give up within the outbox's lease.
  client.setClient(
    axios.create({ timeout: SEND_TIMEOUT_MS }) as unknown as Parameters<typeof client.setClient>[0],
  );
  return {
    name: 'notify',
    async send(mail) {
      await client.sendEmail(options.templateId, mail.to, {
        personalisation: { subject: mail.subject, body: mail.body },
      });
    },
    close: () => {},
  };
}
