import { NotifyClient } from 'notifications-node-client';
import type { MailTransport } from './mailTransport.ts';

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
