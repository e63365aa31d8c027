import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { logTransport, type MailTransport, smtpTransport } from './mailTransport.ts';
import { notifyTransport } from './notifyTransport.ts';

/** The transport MAIL_TRANSPORT names (config.ts has checked its settings are present). */
export function createMailTransport(mail: Config['mail'], logger: Logger): MailTransport {
  switch (mail.transport) {
    case 'smtp':
      return smtpTransport(mail.smtpUrl ?? '', mail.from);
    case 'notify':
      return notifyTransport({
        apiKey: mail.notifyApiKey ?? '',
        baseUrl: mail.notifyBaseUrl,
        templateId: mail.notifyTemplateId ?? '',
      });
    case 'log':
      return logTransport(logger);
  }
}
