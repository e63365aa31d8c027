import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ConfigError, describeSettings, entraTenantOf, loadConfig } from './config.ts';

const root = path.resolve(import.meta.dirname, '..');
// As `openssl rand -base64 32` makes one.
const productionSecret = 'K7vQ2mZp9xLwR4tYb8NcJ1hFd6GsA3eU0oIqWk5Vz2';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
  assert.fail('expected the configuration to be refused');
}

describe('configuration', () => {
  test('an empty environment gives a safe local start', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3000);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.dataDir, path.resolve('data'));
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.baseUrl, 'http://localhost:3000');
    assert.equal(config.isProduction, false);
    assert.equal(config.mail.transport, 'log');
    assert.equal(config.oidc, undefined);
  });

  test('values are read and converted', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://accord@db.example.org:5432/accord',
      BASE_URL: 'https://accord.example.org/',
      TRUST_PROXY: 'true',
      MAIL_TRANSPORT: 'smtp',
      SMTP_URL: 'smtp://mail.example.org:25',
      OIDC_ISSUER: 'https://login.example.org/tenant/v2.0',
      OIDC_CLIENT_ID: 'accord',
      OIDC_CLIENT_SECRET: 'secret',
    });
    assert.equal(config.port, 8080);
    assert.equal(config.databaseUrl, 'postgres://accord@db.example.org:5432/accord');
    assert.equal(config.baseUrl, 'https://accord.example.org');
    assert.equal(config.trustProxy, true);
    assert.equal(config.mail.smtpUrl, 'smtp://mail.example.org:25');
    assert.deepEqual(config.oidc, {
      issuer: 'https://login.example.org/tenant/v2.0',
      clientId: 'accord',
      clientSecret: 'secret',
      entraTenant: undefined,
    });
  });

  test('an empty value counts as unset', () => {
    assert.equal(loadConfig({ PORT: '', DATABASE_URL: ' ' }).port, 3000);
  });

  test('a malformed value is refused with a message naming the variable', () => {
    assert.deepEqual(problemsOf({ PORT: 'abc' }), [
      'PORT: must be a whole number from 0 to 65535 (got "abc")',
    ]);
    assert.deepEqual(problemsOf({ PORT: '70000' }), [
      'PORT: must be a whole number from 0 to 65535 (got "70000")',
    ]);
    assert.deepEqual(problemsOf({ LOG_LEVEL: 'loud' }), [
      'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
    ]);
  });

  test("TRUST_PROXY takes the proxies' addresses and CIDR ranges, or true or false, but no count", () => {
    assert.deepEqual(loadConfig({ TRUST_PROXY: '10.0.0.5' }).trustProxy, ['10.0.0.5']);
    assert.deepEqual(loadConfig({ TRUST_PROXY: '10.0.0.0/24, fd00::/8,loopback' }).trustProxy, [
      '10.0.0.0/24',
      'fd00::/8',
      'loopback',
    ]);
    assert.equal(loadConfig({ TRUST_PROXY: 'yes' }).trustProxy, true);
    assert.equal(loadConfig({ TRUST_PROXY: '0' }).trustProxy, false);
    assert.equal(loadConfig({}).trustProxy, false);
    assert.deepEqual(problemsOf({ TRUST_PROXY: '2' }), [
      `TRUST_PROXY: must name the proxies' addresses, not count them: a count cannot tell a proxy from a client writing the header itself (got "2")`,
    ]);
    for (const wrong of ['10.0.0.0/33', '10.0.0.300', 'proxy.example.org', '10.0.0.5,']) {
      assert.match(
        problemsOf({ TRUST_PROXY: wrong })[0] ?? '',
        /^TRUST_PROXY: must be the proxies' addresses or CIDR ranges/,
        wrong,
      );
    }
  });

  test('every malformed variable is named at once', () => {
    const problems = problemsOf({ PORT: 'x', MAIL_TRANSPORT: 'pigeon', BASE_URL: 'ftp://x' });
    assert.deepEqual(
      problems.map((problem) => problem.split(':')[0]),
      ['PORT', 'BASE_URL', 'MAIL_TRANSPORT'],
    );
  });

  test('a malformed secret is named but its value is never echoed', () => {
    const [problem] = problemsOf({
      DATABASE_URL: 'mysql://root:hunter2@db/accord',
      SESSION_SECRET: 'short-secret',
    });
    assert.equal(problem, 'DATABASE_URL: must be a postgres:// URL');
    const all = problemsOf({ SESSION_SECRET: 'short-secret' }).join('\n');
    assert.doesNotMatch(all, /short-secret/);
  });

  test('production requires SESSION_SECRET and BASE_URL', () => {
    assert.deepEqual(problemsOf({ NODE_ENV: 'production' }), [
      'SESSION_SECRET: is required in production',
      'BASE_URL: is required in production',
    ]);
    const config = loadConfig({
      NODE_ENV: 'production',
      SESSION_SECRET: productionSecret,
      BASE_URL: 'https://accord.example.org',
    });
    assert.equal(config.isProduction, true);
  });

  test('production refuses a SESSION_SECRET that is easy to guess, by name and without echoing it', () => {
    for (const weak of [
      'p'.repeat(32),
      'passwordpasswordpasswordpassword',
      'correcthorsebatterystaplecorrecthorse',
      '0123456789abcdef0123456789abcdef',
    ]) {
      const problems = problemsOf({
        NODE_ENV: 'production',
        SESSION_SECRET: weak,
        BASE_URL: 'https://accord.example.org',
      });
      assert.deepEqual(
        problems.map((problem) => problem.split(':')[0]),
        ['SESSION_SECRET'],
        weak,
      );
      assert.match(problems[0] ?? '', /too easy to guess/);
      assert.doesNotMatch(problems.join('\n'), new RegExp(weak.slice(0, 12)));
    }
    // Outside production a weak secret is not refused: it is only ever the developer's.
    assert.equal(loadConfig({ SESSION_SECRET: 'p'.repeat(32) }).sessionSecret, 'p'.repeat(32));
  });

  test('production refuses a BASE_URL that is not https, naming BASE_URL', () => {
    assert.deepEqual(
      problemsOf({
        NODE_ENV: 'production',
        SESSION_SECRET: productionSecret,
        BASE_URL: 'http://accord.example.org',
      }),
      ['BASE_URL: must be an https:// URL in production'],
    );
    assert.equal(loadConfig({ BASE_URL: 'http://accord.example.org' }).isProduction, false);
  });

  test('a mail transport needs its settings, and OpenID Connect needs all three', () => {
    assert.deepEqual(problemsOf({ MAIL_TRANSPORT: 'smtp' }), [
      'SMTP_URL: is required when MAIL_TRANSPORT is smtp',
    ]);
    assert.deepEqual(problemsOf({ MAIL_TRANSPORT: 'notify' }), [
      'NOTIFY_API_KEY: is required when MAIL_TRANSPORT is notify',
      'NOTIFY_TEMPLATE_ID: is required when MAIL_TRANSPORT is notify',
    ]);
    assert.deepEqual(
      problemsOf({
        MAIL_TRANSPORT: 'notify',
        NOTIFY_API_KEY: 'key',
        NOTIFY_TEMPLATE_ID: 'not-a-uuid',
      }),
      ['NOTIFY_TEMPLATE_ID: must be a GOV.UK Notify template id (a UUID) (got "not-a-uuid")'],
    );
    assert.deepEqual(problemsOf({ OIDC_ISSUER: 'https://login.example.org' }), [
      'OIDC_CLIENT_ID: is required when any of OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET is set',
      'OIDC_CLIENT_SECRET: is required when any of OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET is set',
    ]);
  });

  test("an Entra ID issuer must be one tenant's own, naming OIDC_ISSUER", () => {
    const oidc = { OIDC_CLIENT_ID: 'accord', OIDC_CLIENT_SECRET: 'secret' };
    for (const issuer of [
      'https://login.microsoftonline.com/common/v2.0',
      'https://login.microsoftonline.com/organizations/v2.0',
      'https://login.microsoftonline.com/consumers/v2.0',
      'https://login.microsoftonline.com/{tenantid}/v2.0',
      'https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0',
      'https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0',
      'https://sts.windows.net/0b3c8f7e-1a2d-4c5e-9f6a-7b8c9d0e1f2a/',
    ]) {
      const problems = problemsOf({ ...oidc, OIDC_ISSUER: issuer });
      assert.equal(problems.length, 1, issuer);
      assert.match(
        problems[0] ?? '',
        /^OIDC_ISSUER: for Microsoft Entra ID must be your own tenant's issuer/,
        issuer,
      );
    }
    const tenant = 'https://login.microsoftonline.com/0b3c8f7e-1a2d-4c5e-9f6a-7b8c9d0e1f2a/v2.0';
    assert.equal(loadConfig({ ...oidc, OIDC_ISSUER: tenant }).oidc?.issuer, tenant);
    assert.equal(
      loadConfig({ ...oidc, OIDC_ISSUER: tenant }).oidc?.entraTenant,
      '0b3c8f7e-1a2d-4c5e-9f6a-7b8c9d0e1f2a',
    );
  });

  test('an Entra issuer names its tenant; a multi-tenant one, or the same shape elsewhere, none', () => {
    const tenant = '0b3c8f7e-1a2d-4c5e-9f6a-7b8c9d0e1f2a';
    assert.equal(entraTenantOf(`https://login.microsoftonline.com/${tenant}/v2.0`), tenant);
    assert.equal(
      entraTenantOf(`https://login.microsoftonline.com/${tenant.toUpperCase()}/v2.0`),
      tenant,
    );
    assert.equal(entraTenantOf('https://login.microsoftonline.com/common/v2.0'), undefined);
    assert.equal(entraTenantOf('https://login.microsoftonline.com/{tenantid}/v2.0'), undefined);
    assert.equal(entraTenantOf('https://accounts.example.org'), undefined);
    assert.equal(entraTenantOf(`https://contoso.b2clogin.com/${tenant}/v2.0/`), undefined);
    assert.equal(entraTenantOf(`https://${tenant}.ciamlogin.com/${tenant}/v2.0`), undefined);
    assert.equal(entraTenantOf(`http://127.0.0.1:4000/${tenant}/v2.0`), undefined);
  });

  test('only an issuer on Microsoft Entra ID’s own hosts is taken for Entra, whose e-mail is trusted', () => {
    const oidc = { OIDC_CLIENT_ID: 'accord', OIDC_CLIENT_SECRET: 'secret' };
    const tenant = '0b3c8f7e-1a2d-4c5e-9f6a-7b8c9d0e1f2a';
    // Azure AD B2C and Entra External ID: the same shape, for people who sign themselves up.
    for (const issuer of [
      `https://contoso.b2clogin.com/${tenant}/v2.0/`,
      `https://${tenant}.ciamlogin.com/${tenant}/v2.0`,
    ]) {
      assert.equal(loadConfig({ ...oidc, OIDC_ISSUER: issuer }).oidc?.entraTenant, undefined);
    }
  });

  test('audit checkpoints are off without a key; with one, hourly unless told, to a file if named', () => {
    assert.deepEqual(loadConfig({}).auditCheckpoint, {
      key: undefined,
      intervalMs: 60 * 60_000,
      file: undefined,
    });
    const key = 'an-invented-checkpoint-key-for-the-tests-only';
    const config = loadConfig({
      AUDIT_CHECKPOINT_KEY: key,
      AUDIT_CHECKPOINT_INTERVAL_MINUTES: '15',
      AUDIT_CHECKPOINT_FILE: 'kept/checkpoints.jsonl',
    });
    assert.deepEqual(config.auditCheckpoint, {
      key,
      intervalMs: 15 * 60_000,
      file: path.resolve('kept/checkpoints.jsonl'),
    });
  });

  test('an audit checkpoint key must be long, its own, hard to guess in production, and is never echoed', () => {
    assert.deepEqual(problemsOf({ AUDIT_CHECKPOINT_KEY: 'too-short-a-key' }), [
      'AUDIT_CHECKPOINT_KEY: must be at least 32 characters',
    ]);
    assert.deepEqual(problemsOf({ AUDIT_CHECKPOINT_FILE: '/var/lib/accord-checkpoints' }), [
      'AUDIT_CHECKPOINT_KEY: is required when AUDIT_CHECKPOINT_FILE is set',
    ]);
    assert.deepEqual(
      problemsOf({ AUDIT_CHECKPOINT_KEY: productionSecret, SESSION_SECRET: productionSecret }),
      ['AUDIT_CHECKPOINT_KEY: must not be the same as SESSION_SECRET'],
    );
    const production = {
      NODE_ENV: 'production',
      SESSION_SECRET: productionSecret,
      BASE_URL: 'https://accord.example.org',
    };
    assert.deepEqual(problemsOf({ ...production, AUDIT_CHECKPOINT_KEY: 'a'.repeat(40) }), [
      'AUDIT_CHECKPOINT_KEY: is too easy to guess in production: use a long random value, such as the output of openssl rand -base64 32',
    ]);
    assert.equal(
      loadConfig({ ...production, AUDIT_CHECKPOINT_KEY: `${productionSecret}x` }).auditCheckpoint
        .key,
      `${productionSecret}x`,
    );
    assert.deepEqual(problemsOf({ AUDIT_CHECKPOINT_INTERVAL_MINUTES: '0' }), [
      'AUDIT_CHECKPOINT_INTERVAL_MINUTES: must be a whole number from 1 to 1440 (got "0")',
    ]);
  });

  test('every setting has a one-line doc', () => {
    for (const setting of describeSettings()) {
      assert.match(setting.doc, /^\S.{10,}$/, setting.name);
    }
  });

  test('.env.example lists every variable with its default', () => {
    const example = readFileSync(path.join(root, '.env.example'), 'utf8');
    for (const { name, defaultValue } of describeSettings()) {
      const line = defaultValue ? `${name}=${defaultValue}` : `# ${name}=`;
      assert.ok(example.split('\n').includes(line), `.env.example lacks "${line}"`);
    }
  });

  test("the README's configuration table lists every variable with its default", () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    for (const { name, defaultValue } of describeSettings()) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
      assert.ok(row, `README lacks a row for ${name}`);
      if (defaultValue) assert.ok(row.includes(`\`${defaultValue}\``), `README row ${name}`);
    }
  });
});
