import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { demoPartnerships } from '../src/demo/demoDataSet.ts';
import { caseStates } from '../tools/screenshots/caseStates.ts';
import {
  imagesFolder,
  readmeImage,
  repositoryRoot,
  screenshotFileName,
  screenshotWidths,
} from '../tools/screenshots/screenshotFiles.ts';

// The case-page screenshots (`npm run screenshot`) are taken by hand, so nothing else notices
// when the script's states, the committed pictures and the README drift apart.

const pngWidth = (file: string) => {
  const bytes = readFileSync(file);
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', `${file} is not a PNG`);
  return bytes.readUInt32BE(16);
};
const readme = readFileSync(path.join(repositoryRoot, 'README.md'), 'utf8');

describe('the case-page screenshots', () => {
  test('each state has a picture at each width, of that width', () => {
    for (const state of caseStates) {
      for (const width of screenshotWidths) {
        const file = path.join(imagesFolder, screenshotFileName(state.name, width));
        assert.ok(existsSync(file), `${file} is missing: run npm run screenshot`);
        // A page wider than a phone is photographed whole, so only the laptop width is exact.
        if (width === 1280) assert.equal(pngWidth(file), 1280, file);
        else assert.ok(pngWidth(file) >= width && pngWidth(file) < 1280, file);
      }
    }
  });

  test('no picture is left from a state the script no longer takes', () => {
    const taken = new Set(
      caseStates.flatMap((state) =>
        screenshotWidths.map((width) => screenshotFileName(state.name, width)),
      ),
    );
    const stale = readdirSync(imagesFolder).filter(
      (name) => /^case-page-.+\.png$/.test(name) && !taken.has(name),
    );
    assert.deepEqual(stale, []);
  });

  test('states have their own names, and each is seen by a person of the demo data set', () => {
    assert.equal(new Set(caseStates.map((state) => state.name)).size, caseStates.length);
    const demoPeople = new Set(
      demoPartnerships.flatMap((partnership) =>
        partnership.agencies.flatMap((agency) => agency.people.map((person) => person.key)),
      ),
    );
    for (const state of caseStates) assert.ok(demoPeople.has(state.viewer), state.viewer);
  });

  test("the README's picture is the chosen state's, and every image it shows exists", () => {
    assert.ok(caseStates.some((state) => state.name === readmeImage.state));
    assert.deepEqual(
      readFileSync(path.join(imagesFolder, readmeImage.fileName)),
      readFileSync(
        path.join(imagesFolder, screenshotFileName(readmeImage.state, readmeImage.width)),
      ),
      'case-page.png differs from the state it copies: run npm run screenshot',
    );
    const shown = [...readme.matchAll(/!\[[^\]]+\]\(([^)]+)\)/g)].map((match) => match[1] ?? '');
    assert.ok(shown.includes(`docs/images/${readmeImage.fileName}`));
    for (const image of shown) assert.ok(existsSync(path.join(repositoryRoot, image)), image);
  });

  test('npm run screenshot runs the script that takes them', () => {
    const { scripts } = JSON.parse(readFileSync(path.join(repositoryRoot, 'package.json'), 'utf8'));
    const script = /^node (\S+)$/.exec(scripts.screenshot)?.[1] ?? '';
    assert.ok(existsSync(path.join(repositoryRoot, script)), scripts.screenshot);
    assert.match(readme, /`npm run screenshot`/);
  });
});
