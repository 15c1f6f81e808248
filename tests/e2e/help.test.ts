import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLogin, startServer } from '../../src/server';
import { seriousViolations } from './support/axe';
import { launchChromium, openConsole, type Console } from './support/browser';

type Server = Awaited<ReturnType<typeof startServer>>;

const RESULTS = 'test-results';

/**
 * Issue #8: F1 (or the menu "Hilfe → Tastenkürzel") shows every shortcut of the console, in the
 * clerk's language; the menu's "Über KVÜ Innendienst" shows the versions.
 */
describe('keyboard-shortcut overview and about box, through the browser host', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kvue-e2e-help-'));
  let server: Server;
  let browser: Browser;
  let clerk: Console;
  let page: Page;

  const overview = () => page.getByTestId('help-shortcuts');
  const about = () => page.getByTestId('help-about');
  // The test code is compiled without DOM types: page-side code goes in as strings.
  const groups = () =>
    page.evaluate<string[]>(
      `[...document.querySelectorAll('[data-testid="help-group"]')].map((s) => s.getAttribute('data-group'))`,
    );
  /** The dialog takes the focus a moment after it shows; keys before that go to the page. */
  const focusIn = (testId: string) =>
    expect
      .poll(() =>
        page.evaluate<boolean>(`!!document.activeElement?.closest('[data-testid="${testId}"]')`),
      )
      .toBe(true);
  const focusedTestId = () =>
    page.evaluate<string | null>(`document.activeElement?.getAttribute('data-testid') ?? null`);
  const listScrollTop = () =>
    page.evaluate<number>(
      `document.querySelector('[data-testid="help-shortcuts-list"]').scrollTop`,
    );
  /** The dialog fades in: a screenshot waits until it has. */
  const settled = () =>
    page.evaluate(
      `Promise.all(document.getAnimations()
        .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
        .map((a) => a.finished))`,
    );
  const focusedRow = () =>
    page.evaluate<string | null>(
      `document.activeElement?.getAttribute('role') === 'row' ? document.activeElement.getAttribute('data-index') : null`,
    );

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    server = await startServer({ seed: { cases: 40 } });
    browser = await launchChromium();
    clerk = await openConsole(browser, {
      dir,
      name: 'clerk',
      serverUrl: server.url,
      credentials: demoLogin('clerk'),
      viewport: { width: 1280, height: 800 },
    });
    page = clerk.page;
  });

  afterAll(async () => {
    await clerk?.close();
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens on F1 with every area and German key names, and gives the focus back on Esc', async () => {
    const row = page.getByTestId('case-row').nth(2);
    await row.click();
    await page.getByTestId('case-pane').waitFor();
    await row.focus();
    const before = await focusedRow();
    expect(before).not.toBeNull();

    await page.keyboard.press('F1');
    await focusIn('help-shortcuts');
    expect(await overview().getByRole('heading', { level: 2 }).textContent()).toBe('Tastenkürzel');
    // A clerk does not dispatch, so the dispatch keys are not theirs.
    expect(await groups()).toEqual(['general', 'queue', 'case', 'photos', 'messages']);
    const kbds = await overview().locator('kbd').allTextContents();
    expect(kbds).toEqual(expect.arrayContaining(['Strg', 'Umschalt', 'Eingabe', 'Leertaste']));
    expect(kbds).toEqual(expect.arrayContaining(['Bild↑', 'Bild↓', 'Pos1', 'Ende', 'F1']));
    expect(kbds).not.toContain('Ctrl');
    const lock = overview().locator('[data-shortcut="lock"]');
    expect(await lock.locator('kbd').allTextContents()).toEqual(['Strg', 'Umschalt', 'L']);
    expect(await lock.textContent()).toContain('Konsole sperren');
    const photos = overview().locator('[data-group="photos"]');
    expect(await photos.textContent()).toContain('Um 90° im Uhrzeigersinn drehen');
    const messages = overview().locator('[data-group="messages"]');
    expect(await messages.textContent()).toContain('Nachrichten durchsuchen');

    // German text fits: no cell is cut off or wider than its column.
    const clipped = await page.evaluate<string[]>(
      `[...document.querySelectorAll('[data-testid="help-shortcuts"] :is(th, td, kbd, h2, h3)')]
        .filter((c) => c.scrollWidth > c.clientWidth + 1)
        .map((c) => c.textContent)`,
    );
    expect(clipped).toEqual([]);
    const box = await overview().boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(700);
    expect(box?.width).toBeLessThanOrEqual(740);
    expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(800);

    expect(await seriousViolations(page, '[data-testid="help-shortcuts"]')).toEqual([]);
    await settled();
    await page.screenshot({ path: join(RESULTS, 'help-overview.png') });

    // The close button has the focus; the arrows and page keys still scroll the list.
    expect(await focusedTestId()).toBe('help-close');
    await page.keyboard.press('End');
    await expect.poll(listScrollTop).toBeGreaterThan(0);
    await page.screenshot({ path: join(RESULTS, 'help-overview-end.png') });
    await page.keyboard.press('Home');
    await expect.poll(listScrollTop).toBe(0);
    await page.keyboard.press('PageDown');
    await expect.poll(listScrollTop).toBeGreaterThan(0);

    await page.keyboard.press('Escape');
    await overview().waitFor({ state: 'detached' });
    await expect.poll(focusedRow).toBe(before);
  });

  it('keeps the browser help from opening, and opens from the desktop menu too', async () => {
    const prevented = await page.evaluate<boolean>(`(() => {
      const event = new KeyboardEvent('keydown', { key: 'F1', cancelable: true, bubbles: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    })()`);
    expect(prevented).toBe(true);
    await overview().waitFor();
    await page.getByTestId('help-close').click();
    await overview().waitFor({ state: 'detached' });

    clerk.app.sendCommand?.('shortcuts');
    await overview().waitFor();
    await focusIn('help-shortcuts');
    await overview().getByRole('button', { name: 'Schließen' }).click();
    await overview().waitFor({ state: 'detached' });
  });

  it('shows the name, version and runtime versions in the about box, even over the overview', async () => {
    const before = await focusedRow();
    clerk.app.sendCommand?.('shortcuts');
    await focusIn('help-shortcuts');
    clerk.app.sendCommand?.('about');
    await about().waitFor();
    await focusIn('help-about');
    expect(await overview().count()).toBe(0);
    expect(await about().getByRole('heading', { level: 2 }).textContent()).toBe(
      'Über KVÜ Innendienst',
    );
    const info = await clerk.app.impl['app.info']({});
    await expect
      .poll(() => about().getByTestId('help-about-version').textContent())
      .toBe(`Version ${info.version}`);
    const runtimes = (await about().getByTestId('help-about-runtimes').textContent()) ?? '';
    expect(runtimes).toContain('Node.js');
    expect(runtimes).toContain(info.versions.node ?? '?');
    expect(await seriousViolations(page, '[data-testid="help-about"]')).toEqual([]);
    await settled();
    await page.screenshot({ path: join(RESULTS, 'help-about.png') });
    await page.keyboard.press('Escape');
    await about().waitFor({ state: 'detached' });
    await expect.poll(focusedRow).toBe(before);
  });

  it('speaks English once the clerk switches: Ctrl, Shift, Enter', async () => {
    await page.getByTestId('language-switch').selectOption('en');
    await page.keyboard.press('F1');
    await focusIn('help-shortcuts');
    expect(await overview().getByRole('heading', { level: 2 }).textContent()).toBe(
      'Keyboard shortcuts',
    );
    const kbds = await overview().locator('kbd').allTextContents();
    expect(kbds).toEqual(expect.arrayContaining(['Ctrl', 'Shift', 'Enter', 'Space', 'PgUp']));
    expect(kbds).not.toContain('Strg');
    expect(await overview().locator('[data-shortcut="lock"] kbd').allTextContents()).toEqual([
      'Ctrl',
      'Shift',
      'L',
    ]);
    await settled();
    await page.screenshot({ path: join(RESULTS, 'help-overview-en.png') });
    await page.keyboard.press('Escape');
    await overview().waitFor({ state: 'detached' });
    await page.getByTestId('language-switch').selectOption('de');
  });

  it('lists the dispatch keys for a team lead', async () => {
    const lead = await openConsole(browser, {
      dir,
      name: 'lead',
      serverUrl: server.url,
      credentials: demoLogin('team_lead'),
    });
    try {
      await lead.page.keyboard.press('F1');
      const dialog = lead.page.getByTestId('help-shortcuts');
      await dialog.waitFor();
      await dialog.locator('[data-group="dispatch"]').waitFor();
      expect(await dialog.locator('[data-shortcut="toDispatch"]').textContent()).toContain(
        'Zu den Rundnachrichten',
      );
    } finally {
      await lead.close();
    }
  });
});
