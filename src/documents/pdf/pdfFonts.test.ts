import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as fontkit from 'fontkit';
import { fontRuns } from './pdfFonts.ts';
import { woffToSfnt } from './woffToSfnt.ts';

test('each run of text goes to the first font that has it: Noto Sans, Unifont, Noto Emoji', () => {
  assert.deepEqual(fontRuns('Nguyễn Thị Ánh, Олена, 王小明 😀!', 'regular'), [
    { font: 'regular', text: 'Nguyễn Thị Ánh, Олена, ', missing: false },
    { font: 'fallback', text: '王小明', missing: false },
    { font: 'regular', text: ' ', missing: false },
    { font: 'emoji', text: '😀', missing: false },
    { font: 'regular', text: '!', missing: false },
  ]);
  assert.deepEqual(fontRuns('Ayşe', 'bold'), [{ font: 'bold', text: 'Ayşe', missing: false }]);
});

test('a character no font has is a run of its own, marked missing, kept as typed', () => {
  assert.deepEqual(fontRuns('a𠀀b', 'regular'), [
    { font: 'regular', text: 'a', missing: false },
    { font: 'fallback', text: '𠀀', missing: true },
    { font: 'regular', text: 'b', missing: false },
  ]);
});

test('a WOFF font unwraps to the TrueType font it carries, every glyph kept', () => {
  const woff = readFileSync(
    fileURLToPath(import.meta.resolve('@fontsource/unifont/files/unifont-latin-400-normal.woff')),
  );
  const unwrapped = fontkit.create(woffToSfnt(woff)) as fontkit.Font;
  const original = fontkit.create(woff) as fontkit.Font;

  assert.equal(unwrapped.type, 'TTF');
  assert.equal(unwrapped.numGlyphs, original.numGlyphs);
  assert.equal(unwrapped.postscriptName, original.postscriptName);
  assert.equal(
    unwrapped.glyphForCodePoint(0x738b).path.toSVG(),
    original.glyphForCodePoint(0x738b).path.toSVG(),
  );
  assert.throws(() => woffToSfnt(Buffer.from('not a font at all, not even close')), /Not a WOFF/);
});
