import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MainApp } from '../../src/main/app';
import { demoLogin, startServer } from '../../src/server';
import { launchChromium, openConsole, type Console } from './support/browser';
import { createCaseAsOfficer } from './support/field';
import { seriousViolations } from './support/axe';
import { fileDispute } from './support/photos';

type Server = Awaited<ReturnType<typeof startServer>>;

const SHOTS = '/tmp/kvue-shots';

/** "1.234 Vorgänge" → 1234; "10.000+ Vorgänge" → 10000. */
const countOf = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

describe('review queue through the browser host', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kvue-e2e-queue-'));
  let server: Server;
  let app: MainApp;
  let session: Console;
  let browser: Browser;
  let page: Page;

  const rows = () => page.getByTestId('case-row');
  const tab = (view: string) => page.locator(`[role="tab"][data-view="${view}"]`);
  const selectedView = () =>
    page.locator('[role="tab"][aria-selected="true"]').getAttribute('data-view');
  const sortButton = (column: string) =>
    page.getByRole('columnheader', { name: column }).getByRole('button');
  const countText = () => page.getByTestId('case-count').textContent();
  const search = () => page.getByRole('searchbox');
  const pane = () => page.getByTestId('case-pane');
  // The test code is compiled without DOM types: page-side code goes in as strings.
  const inPage = <T>(expression: string) => page.evaluate<T>(expression);
  const activeRowIndex = () =>
    inPage<string | null>(
      `document.activeElement?.getAttribute('role') === 'row' ? document.activeElement.getAttribute('data-index') : null`,
    );

  /** Rows on screen whose status is not `status`. */
  const otherStatuses = (status: string) =>
    page.locator(`[data-testid="case-row"] [data-status]:not([data-status="${status}"])`).count();

  /** The count of a view's tab, once the counts have answered. */
  async function tabCount(view: string): Promise<number> {
    // Fluent renders a tab's content twice (a hidden copy reserves the bold width).
    const badge = tab(view).getByTestId('view-count').first();
    await badge.waitFor();
    return countOf(await badge.textContent());
  }

  /** ↓ from the search box reaches the list's tab stop (where the clerk was), Home its top. */
  async function focusFirstRow() {
    await search().focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(activeRowIndex).not.toBeNull();
    // Let the list settle for a frame (it scrolls to the row), as a person's next key would.
    await inPage(`new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))`);
    await page.keyboard.press('Home');
    await expect.poll(activeRowIndex).toBe('0');
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer({ dataDir: join(dir, 'server'), port: 0, seed: true });
    browser = await launchChromium();
    session = await openConsole(browser, {
      dir,
      name: 'console',
      serverUrl: server.url,
      credentials: demoLogin('clerk'),
      viewport: { width: 1280, height: 800 },
    });
    ({ app, page } = session);
  });

  afterAll(async () => {
    await session?.close();
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens on the disputed view, with a count on every view', async () => {
    expect(await selectedView()).toBe('disputed');
    for (const view of [
      'disputed',
      'mine',
      'unassigned',
      'due_soon',
      'awaiting_statement',
      'conflicts',
      'all',
    ]) {
      expect(await tabCount(view)).toBeGreaterThanOrEqual(0);
    }
    const disputed = await tabCount('disputed');
    expect(disputed).toBeGreaterThan(0);
    expect(await tabCount('all')).toBeGreaterThan(disputed);
    await expect.poll(countText).toMatch(/^[\d.]+\+? Vorgänge?$/);
    expect(countOf(await countText())).toBe(disputed);
    // Only disputes in this view, and a deadline with the days left on every row.
    expect(await otherStatuses('disputed')).toBe(0);
    expect(
      await page.locator('[data-testid="case-row"] [data-status="disputed"]').count(),
    ).toBeGreaterThan(0);
    expect(await rows().first().textContent()).toMatch(
      /\d{2}\.\d{2}\.\d{4} (\d+ Tg\.|heute|verjährt)/,
    );
    expect(await page.getByTestId('queue-hint').textContent()).toContain('Alt+1…7');
  });

  it('switches views with Alt+digit, from the list and keeps the keyboard in the list', async () => {
    await focusFirstRow();
    await page.keyboard.press('Alt+7');
    await expect.poll(selectedView).toBe('all');
    await expect.poll(async () => countOf(await countText())).toBe(await tabCount('all'));
    await expect.poll(activeRowIndex).toBe('0');

    await page.keyboard.press('Alt+5');
    await expect.poll(selectedView).toBe('awaiting_statement');
    // A view with nothing in it says it is done, calmly.
    await page.keyboard.press('Alt+6');
    await expect.poll(selectedView).toBe('conflicts');
    await page.getByTestId('cases-empty').waitFor();
    expect(await page.getByTestId('cases-empty').textContent()).toContain('Keine Konflikte');
    await page.getByTestId('shortcuts-button').click();
    await page.getByTestId('shortcuts').waitFor();
    expect(await page.getByTestId('shortcuts').textContent()).toContain('Alt+1 … Alt+7');
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SHOTS}/queue-empty-shortcuts.png` });
    await page.keyboard.press('Escape');
    await page.getByTestId('shortcuts').waitFor({ state: 'detached' });
    await page.keyboard.press('Alt+1');
    await expect.poll(selectedView).toBe('disputed');
    await expect.poll(async () => countOf(await countText())).toBe(await tabCount('disputed'));
  });

  it('narrows the list to a plate by search, focused with /', async () => {
    const plate = `M-QS ${Math.floor(1000 + Math.random() * 8999)}`;
    const kase = await createCaseAsOfficer(server.url, { id: randomUUID(), plate });
    await fileDispute(server.url, kase.id);
    await rows().filter({ hasText: plate }).first().waitFor({ timeout: 15_000 });

    await focusFirstRow();
    await page.keyboard.press('/');
    expect(await inPage(`document.activeElement?.getAttribute('type')`)).toBe('search');
    await page.keyboard.type(plate);
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(1);
    expect(await rows().first().textContent()).toContain(plate);
    await expect.poll(countText).toBe('1 Vorgang');
    await page.screenshot({ path: `${SHOTS}/queue-search.png` });

    // No match: say so, and offer the way back.
    await search().fill('Zzyzx Nirgendwo');
    await page.getByTestId('cases-empty').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('cases-empty').textContent()).toContain(
      'Keine passenden Vorgänge',
    );
    await page.screenshot({ path: `${SHOTS}/queue-empty-search.png` });
    await page
      .getByTestId('cases-empty')
      .getByRole('button', { name: 'Filter zurücksetzen' })
      .click();
    await rows().first().waitFor();
    await search().fill(plate);
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(1);

    // Ctrl+F reaches the box from the list, too; "Filter zurücksetzen" empties it.
    await page.keyboard.press('ArrowDown');
    await expect.poll(activeRowIndex).toBe('0');
    await page.keyboard.press('Control+f');
    expect(await inPage(`document.activeElement?.getAttribute('type')`)).toBe('search');
    await page.getByTestId('filter-reset').click();
    expect(await search().inputValue()).toBe('');
    await expect.poll(() => rows().count()).toBeGreaterThan(1);
  });

  it('narrows the list with a filter, and resets it', async () => {
    await page.keyboard.press('Alt+7');
    await expect.poll(selectedView).toBe('all');
    const all = await tabCount('all');
    await expect.poll(async () => countOf(await countText())).toBe(all);

    await page.getByTestId('filter-button').click();
    await page.getByTestId('filter-panel').waitFor();
    await page.getByTestId('filter-fine-min').fill('35');
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SHOTS}/queue-filters.png` });
    await page.getByRole('checkbox', { name: 'Einspruch' }).check();
    await page.getByRole('button', { name: 'Fertig' }).click();
    await page.getByTestId('filter-panel').waitFor({ state: 'detached' });

    await expect.poll(async () => countOf(await countText())).toBeLessThan(all);
    const amounts = await page
      .locator('[data-testid="case-row"] [aria-colindex="5"]')
      .allTextContents();
    expect(amounts.length).toBeGreaterThan(0);
    for (const amount of amounts) {
      expect(Number(amount.replace(/[^\d,]/g, '').replace(',', '.'))).toBeGreaterThanOrEqual(35);
    }
    expect(await otherStatuses('disputed')).toBe(0);
    expect(
      await page.locator('[data-testid="case-row"] [data-status="disputed"]').count(),
    ).toBeGreaterThan(0);
    expect(await page.getByTestId('filter-button').textContent()).toContain('2');

    // The setup survives a reload (the search box does not, by design).
    await page.reload();
    await rows().first().waitFor();
    expect(await selectedView()).toBe('all');
    expect(await page.getByTestId('filter-button').textContent()).toContain('2');

    await page.getByTestId('filter-reset').click();
    await expect.poll(async () => countOf(await countText())).toBe(all);
    await page.keyboard.press('Alt+1');
    await expect.poll(selectedView).toBe('disputed');
  });

  it('filters by a field officer and an offence picked by name', async () => {
    await page.keyboard.press('Alt+7');
    await expect.poll(selectedView).toBe('all');
    const all = await tabCount('all');
    await expect.poll(async () => countOf(await countText())).toBe(all);

    await page.getByTestId('filter-button').click();
    await page.getByTestId('filter-panel').waitFor();
    // Any part of the name, without its accents or case.
    const officer = page.getByTestId('filter-officer');
    await officer.click();
    await officer.fill('HUBER');
    const option = page.getByRole('option', { name: /Maria Huber/ });
    await option.waitFor();
    for (const text of await page.getByRole('option').allTextContents()) {
      expect(text.toLowerCase()).toContain('huber'); // "Schubert" too: any part of the name
    }
    await option.click();
    expect(await officer.inputValue()).toMatch(/^Maria Huber/);

    const offence = page.getByTestId('filter-offence');
    await offence.click();
    await offence.fill('halteverbot');
    await page.getByRole('option').first().waitFor();
    await page.screenshot({ path: `${SHOTS}/queue-filter-offence.png` });
    const picked = (await page.getByRole('option').first().textContent()) ?? '';
    await page.getByRole('option').first().click();
    await page.getByRole('button', { name: 'Fertig' }).click();
    await page.getByTestId('filter-panel').waitFor({ state: 'detached' });

    // The list holds exactly what main counts for that officer and offence.
    const { officers } = await app.impl['cases.directory']({});
    const huber = officers.find((o) => o.displayName === 'Maria Huber');
    const code = picked.split(' · ')[0] ?? '';
    expect(huber).toBeDefined();
    const { total } = await app.impl['cases.queueTotal']({
      view: 'all',
      officerId: huber?.id ?? '',
      offenceCode: code,
    });
    await expect.poll(async () => countOf(await countText())).toBe(total);
    expect(total).toBeLessThan(all);
    expect(await page.getByTestId('filter-button').textContent()).toContain('2');

    await page.getByTestId('filter-reset').click();
    await expect.poll(async () => countOf(await countText())).toBe(all);
    await page.keyboard.press('Alt+1');
    await expect.poll(selectedView).toBe('disputed');
  });

  it('opens a case from the keyboard, and Escape returns to its row', async () => {
    await focusFirstRow();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(activeRowIndex).toBe('2');
    const row = page.locator('[data-testid="case-row"][data-index="2"]');
    const fileNumber = await row.locator('[aria-colindex="2"]').textContent();
    await page.keyboard.press('Enter');
    await pane().waitFor();
    expect(await row.getAttribute('aria-selected')).toBe('true');
    expect(await pane().textContent()).toContain(fileNumber ?? 'missing');
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SHOTS}/queue-1280-pane.png` });
    expect(await seriousViolations(page, '[data-testid="queue"]')).toEqual([]);

    await page.keyboard.press('Escape');
    await pane().waitFor({ state: 'detached' });
    await expect.poll(activeRowIndex).toBe('2');
    await page.keyboard.press('End');
    // Until the last row is rendered, the focus is on no row at all (row 2 has left the DOM): a
    // key pressed then reaches no row, so wait for the focus to land on a row.
    await expect
      .poll(
        async () => {
          const index = await activeRowIndex();
          return index !== null && index !== '2';
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    await page.keyboard.press('Home');
    await expect.poll(activeRowIndex).toBe('0');
  });

  it('shows a claimed case as the clerk\'s own, and in "Meine"', async () => {
    const row = rows().first();
    const caseId = await row.getAttribute('data-case-id');
    if (!caseId) throw new Error('no case id on the row');
    const before = await tabCount('mine');
    await app.impl['work.claim']({ caseId });
    const claimed = page.locator(`[data-testid="case-row"][data-case-id="${caseId}"]`);
    await expect
      .poll(() => claimed.getByTestId('claim').textContent(), { timeout: 15_000 })
      .toBe('Sie');
    expect(await claimed.getByTestId('claim').getAttribute('title')).toBe('In Bearbeitung: Sie');
    await expect.poll(() => tabCount('mine'), { timeout: 15_000 }).toBe(before + 1);
    await page.screenshot({ path: `${SHOTS}/queue-1280-claimed.png` });

    await focusFirstRow();
    await page.keyboard.press('Alt+2');
    await expect.poll(selectedView).toBe('mine');
    await expect.poll(() => rows().count()).toBe(before + 1);
    await page.keyboard.press('Alt+1');
    await expect.poll(selectedView).toBe('disputed');
  });

  it('marks deadlines under 14 days, and lapsed ones, sorted by deadline', async () => {
    const suffix = Math.floor(1000 + Math.random() * 8999);
    await createCaseAsOfficer(server.url, {
      id: randomUUID(),
      plate: `M-SO ${suffix}`,
      daysAgo: 85,
    });
    await createCaseAsOfficer(server.url, {
      id: randomUUID(),
      plate: `M-LA ${suffix}`,
      daysAgo: 100,
    });
    await page.keyboard.press('Alt+7');
    await expect.poll(selectedView).toBe('all');
    await sortButton('Verjährung').click();
    const soon = rows().filter({ hasText: `M-SO ${suffix}` });
    const lapsed = rows().filter({ hasText: `M-LA ${suffix}` });
    await soon.waitFor({ timeout: 15_000 });
    await lapsed.waitFor();
    expect(await soon.locator('[data-deadline]').getAttribute('data-deadline')).toBe('soon');
    expect(await lapsed.locator('[data-deadline]').getAttribute('data-deadline')).toBe('lapsed');
    expect(await lapsed.locator('[data-deadline]').textContent()).toContain('verjährt');
    // Sorted soonest first: the lapsed case comes before the one still running.
    expect(Number(await lapsed.getAttribute('data-index'))).toBeLessThan(
      Number(await soon.getAttribute('data-index')),
    );
    await page.screenshot({ path: `${SHOTS}/queue-deadlines.png` });
    // Back to the clerk's default order and view.
    await sortButton('Tatzeit').click();
    expect(
      await page.getByRole('columnheader', { name: 'Tatzeit' }).getAttribute('aria-sort'),
    ).toBe('descending');
    await page.keyboard.press('Alt+1');
    await expect.poll(selectedView).toBe('disputed');
  });

  it('selects rows for a bulk decision with Space and Shift+↓', async () => {
    await focusFirstRow();
    await page.keyboard.press('Space');
    await page.getByTestId('bulk-bar').waitFor();
    expect(await page.getByTestId('bulk-count').textContent()).toBe('1 ausgewählt');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await expect.poll(() => page.getByTestId('bulk-count').textContent()).toBe('3 ausgewählt');
    expect(await page.locator('[data-testid="case-row"][data-checked]').count()).toBe(3);
    expect(await page.getByRole('button', { name: 'Einstellen …' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'An Bußgeldstelle abgeben …' }).count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/queue-1280-bulk.png` });
    expect(await seriousViolations(page, '[data-testid="queue"]')).toEqual([]);

    // Each of the bar's buttons opens the bulk dialog with its kind chosen; leaving it undecided
    // keeps the selection.
    for (const [button, kind] of [
      ['An Bußgeldstelle abgeben …', 'An Bußgeldstelle abgeben'],
      ['Einstellen …', 'Einstellen'],
    ]) {
      await page.getByRole('button', { name: button }).click();
      await page.getByRole('dialog').waitFor();
      expect(await page.getByRole('dialog').getByRole('radio', { name: kind }).isChecked()).toBe(
        true,
      );
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
    }
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await page.getByTestId('bulk-count').textContent()).toBe('3 ausgewählt');

    // Ctrl+A takes the loaded page; the bar's button clears it all.
    await focusFirstRow();
    await page.keyboard.press('Control+a');
    await expect
      .poll(async () => countOf(await page.getByTestId('bulk-count').textContent()))
      .toBe(Math.min(100, await tabCount('disputed')));
    await page.getByTestId('bulk-clear').click();
    await page.getByTestId('bulk-bar').waitFor({ state: 'detached' });
  });

  it('fits a 1024×768 window', async () => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await focusFirstRow();
    await page.keyboard.press('Enter');
    await pane().waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SHOTS}/queue-1024-pane.png` });
    await page.keyboard.press('Escape');
    await pane().waitFor({ state: 'detached' });
    await page.keyboard.press('Space');
    await page.keyboard.press('Shift+ArrowDown');
    await page.getByTestId('bulk-bar').waitFor();
    await page.screenshot({ path: `${SHOTS}/queue-1024-bulk.png` });
    // No sideways scrolling of the grid without the pane.
    const overflow = await inPage<number>(
      `(() => { const g = document.querySelector('[data-testid="case-grid"]'); return g.scrollWidth - g.clientWidth; })()`,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByTestId('bulk-clear').click();
  });

  it('reads in English, and the labels fit', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    // The header's switch saves the choice in the profile's settings, which a reload keeps.
    await page.getByTestId('language-switch').selectOption('en');
    await page.reload();
    await rows().first().waitFor();
    expect(await tab('disputed').textContent()).toContain('Disputed');
    await expect.poll(countText).toMatch(/^[\d,]+\+? cases?$/);
    expect(await search().getAttribute('placeholder')).toBe(
      'Plate, file number, street, statement',
    );
    await page.screenshot({ path: `${SHOTS}/queue-1280-en.png` });
    await page.getByTestId('language-switch').selectOption('de');
  });
});
