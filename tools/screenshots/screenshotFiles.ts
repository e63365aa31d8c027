import path from 'node:path';

export const repositoryRoot = path.resolve(import.meta.dirname, '../..');
export const imagesFolder = path.join(repositoryRoot, 'docs/images');

/** A laptop and a small phone: the case page must read well at both. */
export const screenshotWidths = [1280, 375] as const;
export type ScreenshotWidth = (typeof screenshotWidths)[number];

export const screenshotFileName = (state: string, width: ScreenshotWidth) =>
  `case-page-${state}-${width}.png`;

/** The README's picture: a copy of the state that shows best what to do, at 1280 px. */
export const readmeImage = {
  fileName: 'case-page.png',
  state: 'outcome-to-confirm',
  width: 1280,
} as const;
