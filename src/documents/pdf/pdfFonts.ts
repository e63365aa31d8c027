import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as fontkit from 'fontkit';
import { woffToSfnt } from './woffToSfnt.ts';

/**
 * The fonts every PDF Accord makes embeds (only the letters it uses): Noto Sans (regular and
 * bold) for Latin, Greek and Cyrillic, Vietnamese included; GNU Unifont for every other
 * character of the Basic Multilingual Plane (Chinese, Georgian, Ethiopic, Arabic, Hebrew…);
 * Noto Emoji for emoji. So a name prints as it was typed. All are under the SIL Open Font
 * License.
 */
export type FontName = 'regular' | 'bold' | 'fallback' | 'emoji';
const fallbacks = ['fallback', 'emoji'] as const;

const fontFiles: Record<FontName, string> = {
  regular: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  fallback: '@fontsource/unifont/files/unifont-latin-400-normal.woff',
  emoji: '@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf',
};

type LoadedFont = { file: Buffer; font: fontkit.Font };
let loaded: Record<FontName, LoadedFont> | undefined;

function load(name: FontName): LoadedFont {
  const bytes = readFileSync(fileURLToPath(import.meta.resolve(fontFiles[name])));
  const file = name === 'fallback' ? woffToSfnt(bytes) : bytes;
  return { file, font: fontkit.create(file) as fontkit.Font };
}

/** The fonts, read from their packages once per process. */
export function pdfFonts(): Record<FontName, LoadedFont> {
  loaded ??= {
    regular: load('regular'),
    bold: load('bold'),
    fallback: load('fallback'),
    emoji: load('emoji'),
  };
  return loaded;
}

/** A piece of text one font prints; `missing` when no font has its characters. */
export type FontRun = { font: FontName; text: string; missing: boolean };

/**
 * Text split where the font changes: the main font (regular or bold) wherever it has the
 * character, else Unifont, else Noto Emoji. A character none has (a rare letter beyond the
 * Basic Multilingual Plane) is its own run, marked missing: it prints as an empty box and is
 * kept as the text behind it, so it is copied and read aloud as it was typed.
 */
export function fontRuns(text: string, main: 'regular' | 'bold'): FontRun[] {
  const fonts = pdfFonts();
  const runs: FontRun[] = [];
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    // A combining mark or joiner goes with the character before it.
    const previous = runs.at(-1);
    if (previous && /^(?:\p{M}|\u200c|\u200d|\ufe0e|\ufe0f)$/u.test(character)) {
      previous.text += character;
      continue;
    }
    const found = fonts[main].font.hasGlyphForCodePoint(code)
      ? main
      : fallbacks.find((name) => fonts[name].font.hasGlyphForCodePoint(code));
    const font = found ?? 'fallback';
    const missing = found === undefined;
    if (previous && previous.font === font && !missing && !previous.missing) {
      previous.text += character;
    } else {
      runs.push({ font, text: character, missing });
    }
  }
  return runs;
}
