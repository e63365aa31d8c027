// Takes the README's screenshot of a case page: starts Accord in demo mode on an empty
// database, signs in as the Pan-Lancashire partnership team through the demo sign-in page and
// photographs an open, overdue case. `npm run screenshot` (needs /usr/bin/chromium).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const root = path.resolve(import.meta.dirname, '..');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'accord-screenshot-'));
const server = spawn(process.execPath, [path.join(root, 'src/main.ts')], {
  cwd: root,
  env: {
    PATH: process.env.PATH ?? '',
    DATA_DIR: dataDir,
    DEMO_MODE: 'true',
    PORT: '0',
    LOG_LEVEL: 'info',
  },
  stdio: ['ignore', 'pipe', 'pipe'],
});
const baseUrl = await new Promise<string>((resolve, reject) => {
  let output = '';
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
    if (match?.[1]) resolve(match[1]);
  };
  server.stdout.on('data', onData);
  server.stderr.on('data', onData);
  server.on('exit', (code) => reject(new Error(`Accord exited with ${code}:\n${output}`)));
});

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 1500 } });
  await page.goto(`${baseUrl}/demo/sign-in`);
  const team = page.locator('tr', { hasText: 'Partnership team' }).first();
  await team.getByRole('button').click();
  await page.goto(`${baseUrl}/disagreements?status=open`);
  await page.locator('tr', { hasText: 'Overdue' }).first().getByRole('link').click();
  const file = path.join(root, 'docs/images/case-page.png');
  await page.screenshot({ path: file, fullPage: false });
  console.log(`Saved ${path.relative(root, file)} from ${page.url()}`);
} finally {
  await browser.close();
  server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
