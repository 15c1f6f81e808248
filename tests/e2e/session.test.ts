import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMainApp, type MainApp } from '../../src/main/app';
import { startBrowserHost, type BrowserHost } from '../../src/main/browser-host';
import { demoLogin, startServer } from '../../src/server';
import { seriousViolations } from './support/axe';
import { launchChromium, RENDERER_DIR } from './support/browser';

type Server = Awaited<ReturnType<typeof startServer>>;
const SHOTS = join(tmpdir(), 'kvue-shots');

describe('signing in, locking and signing out in the console', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kvue-e2e-session-'));
  const clerk = demoLogin('clerk');
  let server: Server;
  let app: MainApp;
  let host: BrowserHost;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer({ seed: { cases: 40 } });
    // No credentials: the console opens on its login screen, as at a real office.
    app = await startMainApp({
      dbPath: join(dir, 'console.sqlite'),
      serverUrl: server.url,
      idleLockMinutes: 2,
      photoDir: join(dir, 'photos'),
    });
    host = await startBrowserHost({ app, rendererDir: RENDERER_DIR });
    browser = await launchChromium();
    context = await browser.newContext({
      locale: 'de-DE',
      timezoneId: 'Europe/Berlin',
      viewport: { width: 1280, height: 800 },
    });
    page = await context.newPage();
    // The page's clock is ours to move, so two idle minutes pass in an instant.
    await page.clock.install();
    await page.goto(host.url);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await host?.close();
    await app?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const problem = () => page.getByTestId('session-problem');

  it('opens on the login screen, refuses a wrong password, and signs in', async () => {
    await page.getByTestId('login-screen').waitFor();
    expect(await page.getByTestId('case-row').count()).toBe(0);
    expect(await seriousViolations(page, '[data-testid="login-screen"]')).toEqual([]);

    // Enter in the password field submits, as everywhere else.
    await page.getByLabel('Benutzername').fill(clerk.username);
    await page.getByLabel('Passwort').fill('falsch');
    await page.getByLabel('Passwort').press('Enter');
    await expect
      .poll(() => problem().textContent())
      .toContain('Benutzername oder Passwort ist falsch');
    expect(await page.getByLabel('Passwort').inputValue()).toBe('');
    await page.getByTestId('login-submit').and(page.locator(':enabled')).waitFor();
    await page.screenshot({ path: `${SHOTS}/session-login-refused.png` });

    await page.getByLabel('Passwort').fill(clerk.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('case-row').first().waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('login-screen').count()).toBe(0);
    const { displayName } = await app.impl['session.info']({});
    expect(displayName).toBeTruthy();
    expect(await page.getByTestId('session-menu').textContent()).toBe(displayName);
    await page.getByTestId('session-menu').click();
    await page.getByTestId('session-lock').waitFor();
    await page.screenshot({ path: `${SHOTS}/session-menu.png` });
    await page.keyboard.press('Escape');
  });

  it('Ctrl+Shift+L locks: nothing of the case stays on screen until the password is typed', async () => {
    const row = page.getByTestId('case-row').first();
    const rowText = (await row.textContent()) ?? '';
    const plate = /[A-ZÄÖÜ]{1,3}-[A-Z]{1,2} \d{1,4}/.exec(rowText)?.[0];
    expect(plate).toBeTruthy();
    await row.click();
    await page.getByTestId('case-pane').waitFor();

    await page.keyboard.press('Control+Shift+L');
    await page.getByTestId('lock-screen').waitFor();
    const locked = (await page.locator('body').textContent()) ?? '';
    expect(locked).not.toContain(plate);
    const { displayName } = await app.impl['session.info']({});
    expect(locked).toContain(`Gesperrt für ${displayName ?? '?'} (${clerk.username})`);
    expect(await seriousViolations(page, '[data-testid="lock-screen"]')).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/session-locked.png` });

    await page.getByLabel('Passwort').fill('falsch');
    await page.getByTestId('unlock-submit').click();
    await expect.poll(() => problem().textContent()).toContain('Das Passwort ist falsch');

    await page.getByLabel('Passwort').fill(clerk.password);
    await page.getByLabel('Passwort').press('Enter');
    await page.getByTestId('case-row').first().waitFor();
    expect(
      await page
        .getByTestId('case-row')
        .filter({ hasText: plate ?? '' })
        .count(),
    ).toBe(1);
  });

  it('locks by itself after the idle time, and not before', async () => {
    await page.mouse.move(200, 300);
    await page.clock.runFor(60_000);
    expect(await page.getByTestId('lock-screen').count()).toBe(0);
    await page.clock.runFor(70_000);
    await page.getByTestId('lock-screen').waitFor();
    expect((await app.impl['session.info']({})).state).toBe('locked');

    await page.getByLabel('Passwort').fill(clerk.password);
    await page.getByTestId('unlock-submit').click();
    await page.getByTestId('case-row').first().waitFor();
  });

  it('signs out from the menu back to the login screen', async () => {
    await page.getByTestId('session-menu').click();
    await page.getByTestId('session-sign-out').click();
    await page.getByTestId('login-screen').waitFor();
    expect(await page.getByTestId('case-row').count()).toBe(0);
    expect((await app.impl['session.info']({})).state).toBe('signed_out');
    expect(await page.getByLabel('Benutzername').inputValue()).toBe('');
  });
});
