import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MainApp } from '../../src/main/app';
import { SettingsService } from '../../src/main/settings/service';
import { demoLogin, startServer } from '../../src/server';
import { seriousViolations } from './support/axe';
import { type Console, launchChromium, openConsole } from './support/browser';

type Server = Awaited<ReturnType<typeof startServer>>;
const SHOTS = join(tmpdir(), 'kvue-shots');

describe('settings, case links and diagnostics in the console', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kvue-e2e-settings-'));
  const userFile = join(dir, 'profile', 'settings.json');
  const presetFile = join(dir, 'kvue-desk.config.json');
  let server: Server;
  let settings: SettingsService;
  let clerk: Console;
  let app: MainApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    // The administrator fixes the idle lock and retention; one line of the file is mistyped.
    writeFileSync(
      presetFile,
      JSON.stringify({
        settings: { idleLockMinutes: 15, retentionDays: 60, photoCachMb: 500 },
        locked: ['idleLockMinutes'],
      }),
    );
    server = await startServer({ seed: { cases: 40 } });
    settings = new SettingsService({ userFile, presetFile });
    browser = await launchChromium();
    clerk = await openConsole(browser, {
      dir,
      name: 'clerk',
      serverUrl: server.url,
      credentials: demoLogin('clerk'),
      viewport: { width: 1280, height: 800 },
      settings,
    });
    ({ app, page } = clerk);
  });

  afterAll(async () => {
    await clerk?.close();
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const dialog = () => page.getByTestId('settings-dialog');

  it('opens with Strg+, showing what the administrator fixed and the mistyped line', async () => {
    await page.keyboard.press('Control+Comma');
    await dialog().waitFor();
    expect(await page.getByTestId('settings-idle-lock').isDisabled()).toBe(true);
    expect(await page.getByTestId('settings-idle-lock').inputValue()).toBe('15');
    expect(await dialog().textContent()).toContain('Vom Administrator festgelegt');
    expect(await page.getByTestId('settings-issues').textContent()).toContain(
      'Vorgabedatei, photoCachMb: unbekannte Einstellung',
    );
    expect(await page.getByTestId('settings-admin').textContent()).toContain('60 Tagen');
    expect(await seriousViolations(page, '[data-testid="settings-dialog"]')).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/settings-dialog.png` });
  });

  it('refuses a bad value with a message at the field, and saves the rest once it is right', async () => {
    await page.getByTestId('settings-photo-cache').fill('viel');
    await page.getByTestId('settings-language').selectOption('en');
    await page.getByTestId('settings-save').click();
    expect(await dialog().textContent()).toContain('Eine ganze Zahl von 100 bis 100000');
    expect(JSON.parse(await readFile(userFile, 'utf8').catch(() => '{}'))).toEqual({});

    await page.getByTestId('settings-photo-cache').fill('800');
    await page.getByTestId('settings-save').click();
    await dialog().waitFor({ state: 'detached' });
    // English at once, and kept in the profile for the next start.
    await expect
      .poll(() => page.getByTestId('settings-button').getAttribute('aria-label'))
      .toBe('Settings');
    expect(JSON.parse(readFileSync(userFile, 'utf8'))).toEqual({
      language: 'en',
      photoCacheMb: 800,
    });
    const status = await app.impl['photos.cacheStatus']({});
    expect(status.capBytes).toBe(800 * 2 ** 20);
  });

  it('keeps a new server address for the next start and says so', async () => {
    await page.getByTestId('settings-button').click();
    await page.getByTestId('settings-server-url').fill('ftp://kvue.stadt.example');
    await page.getByTestId('settings-save').click();
    expect(await dialog().textContent()).toContain('https:// or http://');

    await page.getByTestId('settings-server-url').fill('https://kvue.stadt.example/');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-restart').waitFor();
    expect(await page.getByTestId('settings-restart').textContent()).toContain(
      'Please quit and start the console again',
    );
    expect(settings.values.serverUrl).toBeNull();
    expect(JSON.parse(readFileSync(userFile, 'utf8'))).toMatchObject({
      serverUrl: 'https://kvue.stadt.example',
    });
    await page.screenshot({ path: `${SHOTS}/settings-restart.png` });
    await page.getByTestId('settings-cancel').click();
    await dialog().waitFor({ state: 'detached' });
  });

  it('exports diagnostics as a download without personal data', async () => {
    const row = page.getByTestId('case-row').first();
    const plate = (
      await app.impl['cases.list']({
        offset: 0,
        limit: 50,
        sort: { field: 'observedAt', dir: 'desc' },
      })
    ).rows.map((c) => c.plate);
    await row.waitFor();
    // The menu's "Diagnose exportieren" opens the settings and starts the export.
    const download = page.waitForEvent('download');
    app.sendCommand?.('diagnostics');
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^kvue-diagnose-.*\.json$/);
    const content = await readFile(await file.path(), 'utf8');
    expect(JSON.parse(content)).toMatchObject({ sync: { caseCount: 40 } });
    for (const text of plate) expect(content).not.toContain(text);
    expect(content).not.toContain(demoLogin('clerk').username);
    await page.getByTestId('settings-diagnostics-result').waitFor();
    await page.getByTestId('settings-cancel').click();
  });

  it('opens the case a kvue://case link names, and says when this desk lacks it', async () => {
    const all = await app.impl['cases.list']({
      offset: 0,
      limit: 50,
      sort: { field: 'observedAt', dir: 'desc' },
    });
    const target = all.rows.at(-1);
    if (!target) throw new Error('no case');
    app.openCase?.(target.id);
    await expect
      .poll(() => page.getByTestId('case-pane').textContent(), { timeout: 15_000 })
      .toContain(target.fileNumber);

    app.openCase?.('00000000-0000-4000-8000-000000000000');
    await page.getByTestId('case-link-missing').waitFor();
    await page.screenshot({ path: `${SHOTS}/case-link-missing.png` });
  });

  it('keeps "do not disturb" in the profile', async () => {
    await page.getByTestId('do-not-disturb').click();
    await expect
      .poll(() => JSON.parse(readFileSync(userFile, 'utf8')) as Record<string, unknown>)
      .toMatchObject({ doNotDisturb: true });
    await expect
      .poll(() => page.getByTestId('do-not-disturb').getAttribute('aria-pressed'))
      .toBe('true');
  });
});
