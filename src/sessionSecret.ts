import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from './config.ts';

export const SESSION_SECRET_FILE = 'session-secret';

/**
 * SESSION_SECRET when it is set (production requires it); otherwise a secret
 * generated on the first start and kept in DATA_DIR, so sessions survive restarts.
 */
export function resolveSessionSecret(config: Pick<Config, 'sessionSecret' | 'dataDir'>): string {
  if (config.sessionSecret) return config.sessionSecret;
  const file = path.join(config.dataDir, SESSION_SECRET_FILE);
  try {
    const kept = readFileSync(file, 'utf8').trim();
    // Kept by an older version, which left it as the umask made it.
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    return kept;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secret = randomBytes(32).toString('base64url');
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    // Another process starting at the same moment wrote it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      return readFileSync(file, 'utf8').trim();
    throw error;
  }
}
