import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { resolveSessionSecret, SESSION_SECRET_FILE } from './sessionSecret.ts';

describe('session secret', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'accord-secret-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test('SESSION_SECRET is used as given', () => {
    const given = 's'.repeat(40);
    assert.equal(resolveSessionSecret({ sessionSecret: given, dataDir }), given);
  });

  test('without SESSION_SECRET one is generated once, kept private in DATA_DIR and reused', () => {
    const first = resolveSessionSecret({ sessionSecret: undefined, dataDir });
    assert.ok(first.length >= 40);
    assert.equal(statSync(path.join(dataDir, SESSION_SECRET_FILE)).mode & 0o777, 0o600);
    assert.equal(resolveSessionSecret({ sessionSecret: undefined, dataDir }), first);
  });

  test('a secret kept by an older version where others could read it is made private', () => {
    const file = path.join(dataDir, SESSION_SECRET_FILE);
    const kept = resolveSessionSecret({ sessionSecret: undefined, dataDir });
    chmodSync(file, 0o644);
    assert.equal(resolveSessionSecret({ sessionSecret: undefined, dataDir }), kept);
    assert.equal(statSync(file).mode & 0o777, 0o600);
  });
});
