// `npm run screenshot`: the case page in four states, each as the person who would look at it,
// at 1280 and 375 px wide, into docs/images/, and the README's picture. Starts Accord in demo
// mode on an empty database and needs /usr/bin/chromium; it fails, naming the state, when the
// demo data set no longer has a case in one of them.
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { accordApiAs } from './accordApi.ts';
import { caseStates, viewerEmail } from './caseStates.ts';
import { startDemoServer } from './demoServer.ts';
import { photographCase } from './photographCase.ts';
import {
  imagesFolder,
  readmeImage,
  repositoryRoot,
  screenshotFileName,
  screenshotWidths,
} from './screenshotFiles.ts';

const server = await startDemoServer(repositoryRoot);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
});
try {
  for (const state of caseStates) {
    const token = await server.accord([
      'token',
      'create',
      '--user',
      viewerEmail(state),
      '--name',
      'Screenshots',
    ]);
    const api = await accordApiAs(server.baseUrl, token.trim());
    const caseId = await state.findCase(api);
    const shots = screenshotWidths.map((width) => ({
      width,
      file: path.join(imagesFolder, screenshotFileName(state.name, width)),
    }));
    await photographCase(browser, server.baseUrl, api.me, caseId, shots);
    console.log(`${state.name}: ${state.shows}, as ${api.me.name}`);
  }
  copyFileSync(
    path.join(imagesFolder, screenshotFileName(readmeImage.state, readmeImage.width)),
    path.join(imagesFolder, readmeImage.fileName),
  );
  console.log(`Saved ${caseStates.length * screenshotWidths.length} pictures in docs/images/`);
} finally {
  await browser.close();
  server.stop();
}
