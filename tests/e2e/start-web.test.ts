import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';

/** Waits until the process prints a line matching `pattern`, and returns the match. */
function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolvePromise(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
}

describe('npm run start:web', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kvue-start-web-'));
  let child: ChildProcess | null = null;
  let browser: Browser | null = null;

  afterAll(async () => {
    await browser?.close();
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child?.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints a URL that opens the German case list with demo data', async () => {
    // The script itself, after the build that `npm run start:web` runs first (npm test builds too).
    child = spawn(
      process.execPath,
      [resolve('node_modules/tsx/dist/cli.mjs'), 'scripts/start-web.ts'],
      {
        env: { ...process.env, KVUE_DATA_DIR: dataDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const url = await waitForLine(child, /Open the console in Chromium: (\S+)/, 60_000);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=/);

    browser = await launchChromium();
    const page = await browser.newPage({ locale: 'de-DE' });
    await page.goto(url);
    await page.getByTestId('case-row').first().waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="sync-state"][data-state="idle"]').waitFor();
    expect(await page.getByTestId('view-title').textContent()).toBe('Arbeitsvorrat');
    // The queue opens on the disputed cases of the demo data.
    expect(await page.getByRole('tab', { selected: true }).textContent()).toMatch(/^Strittig\d+$/);
    expect(await page.getByTestId('case-count').textContent()).toMatch(/^\d+ Vorgänge$/);
  });
});
