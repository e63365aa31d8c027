import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { MIN_SECRET_BITS, secretBits } from './secretStrength.ts';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be a whole number from ${min} to ${max}`);

const httpUrl = (what: string) =>
  z
    .string()
    .refine((value) => /^https?:$/.test(safeUrl(value)?.protocol ?? ''), `must be ${what}`)
    .transform((value) => value.replace(/\/+$/, ''));

const urlWithScheme = (schemes: string[], what: string) =>
  z.string().refine((value) => schemes.includes(safeUrl(value)?.protocol ?? ''), `must be ${what}`);

const yesNo = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
  .transform((value) => ['true', '1', 'yes'].includes(value));

/**
 * Whose X-Forwarded-For to believe (Fastify's trustProxy): true for anyone's, or the proxies'
 * addresses and CIDR ranges. No hop count: Fastify 5.12 ignores one, since it cannot tell a
 * proxy from a client that reaches Accord directly and writes the header itself.
 */
export type TrustProxy = boolean | string[];

const proxyNames = ['loopback', 'linklocal', 'uniquelocal'];

/** An address, an address/prefix (CIDR), or one of proxy-addr's names for a range. */
function isProxyAddress(item: string): boolean {
  if (proxyNames.includes(item)) return true;
  const [address = '', prefix, ...rest] = item.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

const trustProxy = z
  .string()
  .transform((value, context): TrustProxy => {
    const lower = value.toLowerCase();
    // 1 and 0 kept their old meaning (true and false), which deployments may rely on.
    if (['true', 'yes', '1'].includes(lower)) return true;
    if (['false', 'no', '0'].includes(lower)) return false;
    const items = value.split(',').map((item) => item.trim());
    if (items.every(isProxyAddress)) return items;
    context.addIssue({
      code: 'custom',
      message: /^\d+$/.test(value)
        ? "must name the proxies' addresses, not count them: a count cannot tell a proxy from a client writing the header itself"
        : "must be the proxies' addresses or CIDR ranges, comma-separated (such as 10.0.0.5 or 10.0.0.0/24), true or false",
    });
    return z.NEVER;
  })
  .default(false);

function safeUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/**
 * Every setting Accord reads, by environment variable name. The description is
 * the one-line doc shown in the README and `.env.example`.
 */
export const settingsSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'test', 'production'], {
      error: 'must be development, test or production',
    })
    .default('development')
    .describe(
      'Run mode. production requires a hard-to-guess SESSION_SECRET and an https:// BASE_URL, and turns on HSTS.',
    ),
  PORT: wholeNumber(0, 65535)
    .default(3000)
    .describe('TCP port the web app and API listen on (0 picks a free port).'),
  HOST: z
    .string()
    .min(1)
    .default('127.0.0.1')
    .describe(
      'Address to listen on. Use 0.0.0.0 in a container or behind a proxy on another host.',
    ),
  DATA_DIR: z
    .string()
    .min(1)
    .default('./data')
    .describe(
      'Folder for the embedded database and generated secrets; created if missing, readable by its owner only.',
    ),
  DATABASE_URL: urlWithScheme(['postgres:', 'postgresql:'], 'a postgres:// URL')
    .optional()
    .describe('PostgreSQL connection URL. When unset, Accord uses the embedded SQLite database.'),
  DATABASE_OWNER_URL: urlWithScheme(['postgres:', 'postgresql:'], 'a postgres:// URL')
    .optional()
    .describe(
      'PostgreSQL URL of the role that owns the tables: migrations run as it, and DATABASE_URL gets no right to change the audit log.',
    ),
  BASE_URL: httpUrl('an http:// or https:// URL')
    .optional()
    .describe(
      'Public address of the service, used in e-mail links. Defaults to http://localhost:PORT.',
    ),
  SESSION_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters')
    .optional()
    .describe(
      'Secret for signing sessions. Outside production it is generated once and kept in DATA_DIR.',
    ),
  LOG_LEVEL: z
    .enum(logLevels, { error: `must be one of ${logLevels.join(', ')}` })
    .default('info')
    .describe('Least severe log level written to standard output.'),
  TRUST_PROXY: trustProxy.describe(
    "Whose X-Forwarded-For and X-Forwarded-Proto to believe: the reverse proxies' addresses or CIDR ranges, comma-separated (such as 10.0.0.5 or 10.0.0.0/24); true believes anyone's, false no one's.",
  ),
  SHUTDOWN_GRACE_MS: wholeNumber(0, 600000)
    .default(10000)
    .describe('On SIGTERM, how long in-flight requests may take to finish, in milliseconds.'),
  DEMO_MODE: yesNo
    .default(false)
    .describe(
      'Serve the demo: load the demo data set into an empty database at start, show a DEMO banner and a demo sign-in page.',
    ),
  MAIL_TRANSPORT: z
    .enum(['log', 'smtp', 'notify'], { error: 'must be log, smtp or notify' })
    .default('log')
    .describe('How e-mail is sent: log (written to the log), smtp or notify (GOV.UK Notify).'),
  SMTP_URL: urlWithScheme(['smtp:', 'smtps:'], 'an smtp:// or smtps:// URL')
    .optional()
    .describe('SMTP server, smtp://user:pass@host:port. Required when MAIL_TRANSPORT is smtp.'),
  MAIL_FROM: z
    .email({ error: 'must be an e-mail address' })
    .default('no-reply@accord.localhost')
    .describe('Sender address of the e-mail Accord sends.'),
  NOTIFY_API_KEY: z
    .string()
    .min(1)
    .optional()
    .describe('GOV.UK Notify API key. Required when MAIL_TRANSPORT is notify.'),
  NOTIFY_BASE_URL: httpUrl('an http:// or https:// URL')
    .default('https://api.notifications.service.gov.uk')
    .describe('GOV.UK Notify API address.'),
  NOTIFY_TEMPLATE_ID: z
    .uuid({ error: 'must be a GOV.UK Notify template id (a UUID)' })
    .optional()
    .describe(
      'GOV.UK Notify e-mail template whose subject is ((subject)) and body ((body)). Required when MAIL_TRANSPORT is notify.',
    ),
  OIDC_ISSUER: httpUrl('an http:// or https:// URL')
    .optional()
    .describe(
      "OpenID Connect issuer. For Entra ID your tenant's own, https://login.microsoftonline.com/TENANT-ID/v2.0.",
    ),
  OIDC_CLIENT_ID: z
    .string()
    .min(1)
    .optional()
    .describe('OpenID Connect client id; set with OIDC_ISSUER.'),
  OIDC_CLIENT_SECRET: z
    .string()
    .min(1)
    .optional()
    .describe('OpenID Connect client secret; set with OIDC_ISSUER.'),
  AUDIT_CHECKPOINT_KEY: z
    .string()
    .min(32, 'must be at least 32 characters')
    .optional()
    .describe(
      'Key of the MAC on audit checkpoints (at least 32 random characters: openssl rand -base64 32), the same on every instance; never in the database or its backups. When set, a checkpoint is logged every AUDIT_CHECKPOINT_INTERVAL_MINUTES.',
    ),
  AUDIT_CHECKPOINT_INTERVAL_MINUTES: wholeNumber(1, 1440)
    .default(60)
    .describe('How often each instance logs an audit checkpoint, in minutes.'),
  AUDIT_CHECKPOINT_FILE: z
    .string()
    .min(1)
    .optional()
    .describe(
      "File each audit checkpoint is also appended to, one JSON line each: put it where the database's owner cannot rewrite it. Needs AUDIT_CHECKPOINT_KEY.",
    ),
});

type Settings = z.output<typeof settingsSchema>;
export type SettingName = keyof typeof settingsSchema.shape;

const secretSettings: ReadonlySet<SettingName> = new Set([
  'SESSION_SECRET',
  'NOTIFY_API_KEY',
  'OIDC_CLIENT_SECRET',
  'DATABASE_URL',
  'DATABASE_OWNER_URL',
  'SMTP_URL',
  'AUDIT_CHECKPOINT_KEY',
]);

export type Config = {
  nodeEnv: Settings['NODE_ENV'];
  isProduction: boolean;
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databaseOwnerUrl: string | undefined;
  baseUrl: string;
  /** BASE_URL's origin, when set: what a page of this service is, whatever Host a proxy sends. */
  publicOrigin: string | undefined;
  sessionSecret: string | undefined;
  logLevel: Settings['LOG_LEVEL'];
  trustProxy: TrustProxy;
  shutdownGraceMs: number;
  /** The demo: its data set loaded at start, a DEMO banner, and sign-in as anyone in it. */
  demoMode: boolean;
  mail: {
    transport: Settings['MAIL_TRANSPORT'];
    from: string;
    smtpUrl: string | undefined;
    notifyApiKey: string | undefined;
    notifyBaseUrl: string;
    notifyTemplateId: string | undefined;
  };
  oidc:
    | {
        issuer: string;
        clientId: string;
        clientSecret: string;
        /** The issuer's tenant when it is Microsoft Entra ID's, single-tenant: its e-mail is trusted. */
        entraTenant: string | undefined;
      }
    | undefined;
  /** Checkpoints of the audit log, kept outside the database: on when the key is set. */
  auditCheckpoint: {
    key: string | undefined;
    intervalMs: number;
    /** An absolute path, or undefined. */
    file: string | undefined;
  };
};

export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(
      `Accord cannot start: the configuration is invalid.\n${problems.map((p) => `  ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Reads the configuration from an environment; throws ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const input: Record<string, string> = {};
  for (const name of Object.keys(settingsSchema.shape)) {
    const value = env[name]?.trim();
    if (value) input[name] = value;
  }

  const parsed = settingsSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0]) as SettingName;
        const shown = secretSettings.has(name) ? '' : ` (got "${input[name]}")`;
        return `${name}: ${issue.message}${shown}`;
      }),
    );
  }

  const settings = parsed.data;
  const problems = crossFieldProblems(settings);
  if (problems.length > 0) throw new ConfigError(problems);

  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET } = settings;
  return {
    nodeEnv: settings.NODE_ENV,
    isProduction: settings.NODE_ENV === 'production',
    port: settings.PORT,
    host: settings.HOST,
    dataDir: path.resolve(settings.DATA_DIR),
    databaseUrl: settings.DATABASE_URL,
    databaseOwnerUrl: settings.DATABASE_OWNER_URL,
    baseUrl: settings.BASE_URL ?? `http://localhost:${settings.PORT}`,
    publicOrigin: settings.BASE_URL ? new URL(settings.BASE_URL).origin : undefined,
    sessionSecret: settings.SESSION_SECRET,
    logLevel: settings.LOG_LEVEL,
    trustProxy: settings.TRUST_PROXY,
    shutdownGraceMs: settings.SHUTDOWN_GRACE_MS,
    demoMode: settings.DEMO_MODE,
    mail: {
      transport: settings.MAIL_TRANSPORT,
      from: settings.MAIL_FROM,
      smtpUrl: settings.SMTP_URL,
      notifyApiKey: settings.NOTIFY_API_KEY,
      notifyBaseUrl: settings.NOTIFY_BASE_URL,
      notifyTemplateId: settings.NOTIFY_TEMPLATE_ID,
    },
    oidc:
      OIDC_ISSUER && OIDC_CLIENT_ID && OIDC_CLIENT_SECRET
        ? {
            issuer: OIDC_ISSUER,
            clientId: OIDC_CLIENT_ID,
            clientSecret: OIDC_CLIENT_SECRET,
            entraTenant: entraTenantOf(OIDC_ISSUER),
          }
        : undefined,
    auditCheckpoint: {
      key: settings.AUDIT_CHECKPOINT_KEY,
      intervalMs: settings.AUDIT_CHECKPOINT_INTERVAL_MINUTES * 60_000,
      file: settings.AUDIT_CHECKPOINT_FILE
        ? path.resolve(settings.AUDIT_CHECKPOINT_FILE)
        : undefined,
    },
  };
}

function crossFieldProblems(settings: Settings): string[] {
  const problems: string[] = [];
  if (settings.NODE_ENV === 'production') {
    if (!settings.SESSION_SECRET) problems.push('SESSION_SECRET: is required in production');
    if (settings.SESSION_SECRET && secretBits(settings.SESSION_SECRET) < MIN_SECRET_BITS) {
      problems.push(
        'SESSION_SECRET: is too easy to guess in production: use a long random value, such as the output of openssl rand -base64 32',
      );
    }
    if (!settings.BASE_URL) problems.push('BASE_URL: is required in production');
    else if (!settings.BASE_URL.startsWith('https://')) {
      problems.push('BASE_URL: must be an https:// URL in production');
    }
    if (settings.DEMO_MODE) {
      problems.push(
        'DEMO_MODE: must not be true in production: the demo lets anyone sign in as anyone in it',
      );
    }
  }
  const checkpointKey = settings.AUDIT_CHECKPOINT_KEY;
  if (settings.AUDIT_CHECKPOINT_FILE && !checkpointKey) {
    problems.push('AUDIT_CHECKPOINT_KEY: is required when AUDIT_CHECKPOINT_FILE is set');
  }
  if (checkpointKey && checkpointKey === settings.SESSION_SECRET) {
    problems.push('AUDIT_CHECKPOINT_KEY: must not be the same as SESSION_SECRET');
  }
  const isProduction = settings.NODE_ENV === 'production';
  if (isProduction && checkpointKey && secretBits(checkpointKey) < MIN_SECRET_BITS) {
    problems.push(
      'AUDIT_CHECKPOINT_KEY: is too easy to guess in production: use a long random value, such as the output of openssl rand -base64 32',
    );
  }
  if (settings.DATABASE_OWNER_URL && !settings.DATABASE_URL) {
    problems.push('DATABASE_URL: is required when DATABASE_OWNER_URL is set');
  }
  if (settings.MAIL_TRANSPORT === 'smtp' && !settings.SMTP_URL) {
    problems.push('SMTP_URL: is required when MAIL_TRANSPORT is smtp');
  }
  if (settings.MAIL_TRANSPORT === 'notify' && !settings.NOTIFY_API_KEY) {
    problems.push('NOTIFY_API_KEY: is required when MAIL_TRANSPORT is notify');
  }
  if (settings.MAIL_TRANSPORT === 'notify' && !settings.NOTIFY_TEMPLATE_ID) {
    problems.push('NOTIFY_TEMPLATE_ID: is required when MAIL_TRANSPORT is notify');
  }
  if (settings.OIDC_ISSUER && !isSingleTenantIfEntra(settings.OIDC_ISSUER)) {
    problems.push(
      "OIDC_ISSUER: for Microsoft Entra ID must be your own tenant's issuer, https://login.microsoftonline.com/TENANT-ID/v2.0 with your directory (tenant) id, never common, organizations or consumers: those let anyone's account sign in",
    );
  }
  const oidcNames = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;
  const oidcSet = oidcNames.filter((name) => settings[name]);
  if (oidcSet.length > 0 && oidcSet.length < oidcNames.length) {
    for (const name of oidcNames.filter((n) => !settings[n])) {
      problems.push(`${name}: is required when any of ${oidcNames.join(', ')} is set`);
    }
  }
  return problems;
}

/**
 * Microsoft Entra ID's sign-in hosts (public, US government and China clouds). Only these are
 * Entra: Azure AD B2C (…b2clogin.com) and Entra External ID (…ciamlogin.com) issue tokens of
 * the same shape, tid included, to people who sign themselves up, so an e-mail from them is
 * never trusted without email_verified.
 */
const ENTRA_HOSTS: ReadonlySet<string> = new Set([
  'login.microsoftonline.com',
  'login.microsoftonline.us',
  'login.partner.microsoftonline.cn',
  'sts.windows.net',
]);

/**
 * The tenant of an Entra single-tenant issuer (https://login.microsoftonline.com/TENANT-ID/v2.0),
 * else undefined: another host, or a multi-tenant or template path, names none.
 */
export function entraTenantOf(issuer: string): string | undefined {
  const url = safeUrl(issuer);
  if (!url || !ENTRA_HOSTS.has(url.hostname.toLowerCase())) return undefined;
  const tenant = /^\/([^/]+)\/v2\.0\/?$/.exec(url.pathname)?.[1];
  return tenant && /^[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(tenant)
    ? tenant.toLowerCase()
    : undefined;
}

// The tenant Entra issues personal Microsoft accounts' tokens from.
const personalAccountsTenant = '9188040d-6c67-4c5b-b112-36a304b66dad';

/**
 * An Entra issuer must name one organisation's tenant by its id, in the v2.0 form, so that
 * sign-in can check each token's tid against it (domain/accounts/oidcIdentity.ts).
 */
function isSingleTenantIfEntra(issuer: string): boolean {
  const url = safeUrl(issuer);
  if (!url || !ENTRA_HOSTS.has(url.hostname.toLowerCase())) return true;
  const tenant = /^\/([0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12})\/v2\.0\/?$/i.exec(
    url.pathname,
  )?.[1];
  return tenant !== undefined && tenant.toLowerCase() !== personalAccountsTenant;
}

export function describeSettings(): { name: SettingName; doc: string; defaultValue: string }[] {
  return (Object.keys(settingsSchema.shape) as SettingName[]).map((name) => {
    const field = settingsSchema.shape[name];
    const parsedDefault = field.safeParse(undefined);
    const defaultValue =
      parsedDefault.success && parsedDefault.data !== undefined ? String(parsedDefault.data) : '';
    return { name, doc: field.description ?? '', defaultValue };
  });
}
