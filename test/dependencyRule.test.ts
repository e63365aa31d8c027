import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

// The dependency rule of docs/architecture.md, read off the import graph of src/: every arrow
// from one layer to another must be one the rule allows. Tests are left out (they may reach
// anything they check).

const root = path.join(import.meta.dirname, '..', 'src');

/** The layer a file of src/ belongs to, by its folder; a file at the top is its own layer. */
function layerOf(file: string): string {
  const relative = path.relative(root, file).split(path.sep);
  if (relative.length === 1) return (relative[0] ?? '').replace(/\.ts$/, '');
  if (relative[0] === 'db') return relative[1] === 'repositories' ? 'repositories' : 'db';
  return relative[0] ?? '';
}

// Each layer, and the layers it may import. The domain, the protocol files and the demo data
// are importable from anywhere above them.
const data = ['domain', 'protocols', 'demo'];
const allowed: Record<string, readonly string[]> = {
  domain: [],
  protocols: ['domain'],
  demo: ['domain', 'protocols'],
  // How much a secret is worth to a guesser: the settings' checks alone use it.
  secretStrength: [],
  config: ['secretStrength'],
  logger: ['config'],
  sessionSecret: ['config'],
  db: ['domain', 'config'],
  repositories: ['db', 'domain'],
  // A message may carry a document (a meeting's invitation).
  notify: ['domain', 'documents', 'config', 'logger'],
  documents: ['domain'],
  services: [...data, 'repositories', 'db', 'notify', 'documents'],
  forms: ['domain'],
  caseActions: [...data, 'services', 'forms'],
  web: [...data, 'services', 'caseActions', 'forms', 'config'],
  api: [...data, 'services', 'caseActions'],
  cli: [...data, 'services', 'config', 'logger'],
  jobs: [...data, 'services', 'logger'],
  // The composition root binds use cases to their dependencies.
  services_root: [...data, 'services', 'db', 'config', 'notify'],
  app: [...data, 'web', 'api', 'services', 'logger', 'config'],
  // The entry turns on the compile cache, then loads the server.
  main: ['server'],
  server: [...data, 'app', 'services', 'db', 'jobs', 'notify', 'config', 'logger', 'sessionSecret'],
};
// The CLI opens the database and migrates it, as start-up does, after checking no restore is
// replacing it: infrastructure, no repository.
const cliInfrastructure = new Set([
  'db/database.ts',
  'db/prepareDatabase.ts',
  'db/dataFolderClaims.ts',
]);

// The packages the pure domain may use: no I/O, no HTTP, no SQL.
const domainPackages = new Set([
  'zod',
  'yaml',
  'date-holidays',
  '@zxcvbn-ts/language-common',
  'node:crypto',
  // createRequire: the holiday rules and the common-password lists load on first use, not at start.
  'node:module',
  'node:util',
]);

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

function importsOf(source: string): string[] {
  const found = [
    ...source.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'/gms),
    ...source.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g),
  ];
  return found.map((match) => match[1] as string);
}

function layerName(file: string): string {
  const layer = layerOf(file);
  return layer === 'services' && path.relative(root, file) === 'services.ts'
    ? 'services_root'
    : layer;
}

test('every import between layers follows the dependency rule', () => {
  const forbidden: string[] = [];
  const files = sourceFiles(root);
  assert.ok(files.length > 100, 'the source files were found');
  for (const file of files) {
    const from = layerName(file);
    const may = allowed[from];
    const name = path.relative(root, file);
    if (!may) {
      forbidden.push(`${name}: its folder is not a layer of the rule (add it to the rule)`);
      continue;
    }
    const source = readFileSync(file, 'utf8');
    for (const specifier of importsOf(source)) {
      if (!specifier.startsWith('.')) {
        const bare = specifier.startsWith('@')
          ? specifier.split('/').slice(0, 2).join('/')
          : (specifier.split('/')[0] ?? specifier);
        if (from === 'domain' && !domainPackages.has(bare) && !domainPackages.has(specifier)) {
          forbidden.push(`${name} → ${specifier}: the domain does no I/O`);
        }
        continue;
      }
      const target = path.resolve(path.dirname(file), specifier);
      // What the composition root offers (the Services type) is the services layer's.
      const to = layerName(target) === 'services_root' ? 'services' : layerName(target);
      if (to === from) continue;
      const targetName = path.relative(root, target);
      if (from === 'cli' && cliInfrastructure.has(targetName)) continue;
      if (!may.includes(to)) forbidden.push(`${name} → ${targetName} (${from} → ${to})`);
    }
  }
  assert.deepEqual(forbidden, []);
});

test('only config.ts reads the environment', () => {
  const readers = sourceFiles(root)
    .filter((file) => /\bprocess\.env\b/.test(readFileSync(file, 'utf8')))
    .map((file) => path.relative(root, file));
  assert.deepEqual(readers, ['config.ts']);
});

test('roles are asked about only in the domain: elsewhere code asks about abilities', () => {
  const roleChecks = sourceFiles(root)
    .filter((file) => layerOf(file) !== 'domain')
    .flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, index) => ({ line, index }))
        .filter(({ line }) => /\broles?\.(has|includes|some)\(|\brole [!=]== '/.test(line))
        .map(({ index }) => `${path.relative(root, file)}:${index + 1}`),
    );
  assert.deepEqual(roleChecks, []);
});

test('the rule can fail: an arrow it forbids is caught', () => {
  // A repository used from a page, and the domain reaching a database driver.
  const page = path.join(root, 'web', 'features', 'example.ts');
  assert.equal(layerName(page), 'web');
  assert.ok(!allowed.web?.includes(layerName(path.join(root, 'db', 'repositories', 'x.ts'))));
  assert.ok(!allowed.domain?.includes('db'));
  assert.deepEqual(importsOf("import type { A } from '../db/x.ts';\nexport { b } from './b.ts';"), [
    '../db/x.ts',
    './b.ts',
  ]);
  assert.ok(!domainPackages.has('pg'));
});
