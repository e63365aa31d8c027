import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type Stylesheet = { css: string; hash: string };

const entryFile = path.join(import.meta.dirname, 'accord.scss');
const nodeModules = path.resolve(import.meta.dirname, '../../../node_modules');
const defaultCacheDir = path.join(nodeModules, '.cache', 'accord');

let compiledInThisProcess: Stylesheet | undefined;

/**
 * The compiled stylesheet. Compiling GOV.UK Frontend's Sass takes about half a
 * second, so the result is kept on disk under a hash of every input and reused
 * until an input changes; a newcomer never runs a build step.
 */
export function loadStylesheet(cacheDir = defaultCacheDir): Stylesheet {
  const hash = inputsHash();
  if (compiledInThisProcess?.hash === hash) return compiledInThisProcess;

  const cacheFile = path.join(cacheDir, `accord-${hash}.css`);
  let css: string;
  try {
    css = readFileSync(cacheFile, 'utf8');
  } catch {
    css = loadSass().compile(entryFile, {
      // MoJ Frontend reaches GOV.UK Frontend as "node_modules/govuk-frontend/…".
      loadPaths: [path.dirname(nodeModules), nodeModules],
      style: 'compressed',
      quietDeps: true,
    }).css;
    writeCache(cacheFile, css);
  }
  compiledInThisProcess = { css, hash };
  return compiledInThisProcess;
}

// Loading Sass costs most of a second, and only a cache miss needs it.
function loadSass(): typeof import('sass') {
  return createRequire(import.meta.url)('sass') as typeof import('sass');
}

function inputsHash(): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(import.meta.dirname)
    .filter((f) => f.endsWith('.scss'))
    .sort()) {
    hash.update(name).update(readFileSync(path.join(import.meta.dirname, name)));
  }
  for (const dependency of [
    'govuk-frontend',
    '@ministryofjustice/frontend',
    'accessible-autocomplete',
    'sass',
  ]) {
    hash.update(`${dependency}@${packageVersion(dependency)}`);
  }
  return hash.digest('hex').slice(0, 16);
}

function packageVersion(name: string): string {
  const manifest = path.join(nodeModules, name, 'package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

// A read-only install still starts: the stylesheet then lives in memory only.
function writeCache(cacheFile: string, css: string): void {
  try {
    mkdirSync(path.dirname(cacheFile), { recursive: true });
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(temporary, css);
    renameSync(temporary, cacheFile);
  } catch {
    // Nothing to do: the next start compiles again.
  }
}

/** GOV.UK Frontend's templates, scripts and images. */
export const govukFrontendDist = path.join(nodeModules, 'govuk-frontend', 'dist');
/** alphagov's accessible-autocomplete: its script, which enhances a select into an autocomplete. */
export const accessibleAutocompleteDist = path.join(nodeModules, 'accessible-autocomplete', 'dist');
/** MoJ Frontend's templates: its macros are `moj/components/<name>/macro.njk`. */
export const mojFrontendDist = path.join(nodeModules, '@ministryofjustice', 'frontend');
