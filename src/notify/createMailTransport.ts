import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { logTransport, type MailTransport, smtpTransport } from './mailTransport.ts';

/**
 * The transport MAIL_TRANSPORT names (config.ts has checked its settings are present).
 * Notify's client (with axios and a JWT library) loads only when it is the one configured.
 */
export async function createMailTransport(
  mail: Config['mail'],
  logger: Logger,
): Promise<MailTransport> {
  switch (mail.transport) {
    case 'smtp':
      return smtpTransport(mail.smtpUrl ?? '', mail.from);
    case 'notify': {
      const { notifyTransport } = await import('./notifyTransport.ts');
      return notifyTransport({
        apiKey: mail.notifyApiKey ?? '',
        baseUrl: mail.notifyBaseUrl,
        templateId: mail.notifyTemplateId ?? '',
      });
    }
    case 'log':
      return logTransport(logger);
  }
}
