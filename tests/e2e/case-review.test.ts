import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../src/shared/domain/case';
import { demoLogin, startServer } from '../../src/server';
import { seriousViolations } from './support/axe';
import { launchChromium, openConsole, type Console } from './support/browser';
import { createCaseAsOfficer } from './support/field';
import { fileDispute, uploadCasePhotos } from './support/photos';
import {
  euroText,
  onServer,
  startServerLink,
  viewerScale,
  type ServerLink,
} from './support/review';

type Server = Awaited<ReturnType<typeof startServer>>;

const SHOTS = '/tmp/kvue-shots';

/**
 * Issue #5, "Done when": clerks review disputed cases from the queue to a decision, in Chromium
 * through the browser host, against the real server. Two consoles (each its own main services,
 * database and page) reach the server through links that the tests can cut.
 */
describe('case review from queue to decision, through the browser host', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kvue-e2e-review-'));
  let server: Server;
  let browser: Browser;
  /** Claudia Schreiber, clerk; and the office's admin as the second clerk. */
  let linkA: ServerLink;
  let linkB: ServerLink;
  let consoleA: Console;
  let consoleB: Console;

  const uniquePlate = (letters: string) =>
    `M-${letters} ${Math.floor(1000 + Math.random() * 8999)}`;

  /** A disputed case, recorded (with photos) and disputed through the server's API. */
  async function disputedCase(letters: string, photos = 0): Promise<CaseRecord> {
    const kase = await createCaseAsOfficer(server.url, {
      id: randomUUID(),
      plate: uniquePlate(letters),
    });
    if (photos > 0) await uploadCasePhotos(server.url, kase, photos);
    await fileDispute(server.url, kase.id);
    return kase;
  }

  const row = (page: Page, caseId: string) =>
    page.locator(`[data-testid="case-row"][data-case-id="${caseId}"]`);
  const pane = (page: Page) => page.getByTestId('case-pane');
  const paneTitle = (page: Page) =>
    pane(page).getByRole('heading', { level: 2 }).first().textContent();
  const selectedView = (page: Page) =>
    page.locator('[role="tab"][aria-selected="true"]').getAttribute('data-view');
  // The test code is compiled without DOM types: page-side code goes in as strings.
  const activeCaseId = (page: Page) =>
    page.evaluate<string | null>(`document.activeElement?.getAttribute('data-case-id') ?? null`);
  const activeTestId = (page: Page) =>
    page.evaluate<string | null>(
      `document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid') ?? null`,
    );

  async function showView(page: Page, key: string, view: string) {
    await page.keyboard.press(`Alt+${key}`);
    await expect.poll(() => selectedView(page)).toBe(view);
  }

  /** Opens a case as a clerk would with the mouse (the keyboard way is the first test's). */
  async function openCase(page: Page, kase: CaseRecord) {
    await row(page, kase.id).waitFor({ timeout: 15_000 });
    await row(page, kase.id).click();
    await expect.poll(() => paneTitle(page)).toContain(kase.fileNumber);
    await page.getByTestId('decision-panel').waitFor();
  }

  interface Draft {
    kind: string;
    amount?: string;
    reason: string;
    text: string;
  }

  /** Fills the decision form; the first choice claims the case for the clerk. */
  async function fillDecision(page: Page, draft: Draft) {
    const panel = page.getByTestId('decision-panel');
    await panel.getByTestId('decision-kind').getByRole('radio', { name: draft.kind }).check();
    if (draft.amount !== undefined) await panel.getByTestId('decision-amount').fill(draft.amount);
    await panel.getByTestId('decision-reason').selectOption(draft.reason);
    await panel.getByTestId('decision-text').fill(draft.text);
  }

  /** Ctrl+Enter in the form, then the one confirmation. */
  async function submitAndConfirm(page: Page): Promise<string> {
    await page.getByTestId('decision-text').focus();
    await page.keyboard.press('Control+Enter');
    const dialog = page.getByTestId('decision-confirm');
    await dialog.waitFor();
    const question = (await dialog.textContent()) ?? '';
    await page.getByTestId('decision-confirm-ok').click();
    await dialog.waitFor({ state: 'detached' });
    return question;
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer({ dataDir: join(dir, 'server'), port: 0, seed: { cases: 40 } });
    linkA = await startServerLink(server.port);
    linkB = await startServerLink(server.port);
    browser = await launchChromium();
    [consoleA, consoleB] = await Promise.all([
      openConsole(browser, {
        dir,
        name: 'clerk',
        serverUrl: linkA.url,
        credentials: demoLogin('clerk'),
      }),
      openConsole(browser, {
        dir,
        name: 'admin',
        serverUrl: linkB.url,
        credentials: demoLogin('admin'),
      }),
    ]);
  });

  afterAll(async () => {
    await consoleA?.close();
    await consoleB?.close();
    await browser?.close();
    await linkA?.close();
    await linkB?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  let reviewed: CaseRecord;
  let newAmountCents = 0;

  it('reviews a disputed case from the queue to a decision the server holds once', async () => {
    const { page } = consoleA;
    reviewed = await disputedCase('RV', 2);
    // The queue opens on the disputed cases; the new one arrives there by sync.
    expect(await selectedView(page)).toBe('disputed');
    await row(page, reviewed.id).waitFor({ timeout: 15_000 });
    expect(
      await page
        .locator('[data-testid="case-row"] [data-status]:not([data-status="disputed"])')
        .count(),
    ).toBe(0);
    // The second console has it too, so that the next test sees it leave.
    await row(consoleB.page, reviewed.id).waitFor({ timeout: 15_000 });

    // Keyboard only: into the list, down to the case, Enter.
    await page.getByRole('searchbox').focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => activeCaseId(page)).not.toBeNull();
    // Let the list settle for a frame (it scrolls to the row), as a person's next key would.
    await page.evaluate(
      `new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))`,
    );
    await page.keyboard.press('Home');
    for (let i = 0; i < 40 && (await activeCaseId(page)) !== reviewed.id; i++) {
      await page.keyboard.press('ArrowDown');
    }
    expect(await activeCaseId(page)).toBe(reviewed.id);
    await page.keyboard.press('Enter');
    await pane(page).waitFor();
    expect(await paneTitle(page)).toContain(reviewed.fileNumber);
    expect(await row(page, reviewed.id).getAttribute('aria-selected')).toBe('true');
    expect(await page.getByTestId('case-fields').textContent()).toContain(reviewed.plate);
    expect(await page.getByTestId('case-statements').textContent()).toContain('Be- und Entladen');

    // Photos: the strip, the full view, zoom by key and by button, and back.
    const thumbs = page.getByTestId('photo-thumb');
    await expect
      .poll(
        () => page.locator('[data-testid="photo-thumb"][data-photo-display="verified"]').count(),
        {
          timeout: 30_000,
        },
      )
      .toBe(2);
    await thumbs.first().locator('button').first().focus();
    await page.keyboard.press('Enter');
    const viewer = page.getByTestId('photo-viewer');
    await viewer.waitFor();
    await expect
      .poll(() => page.getByTestId('viewer-image').first().getAttribute('style'))
      .toContain('visibility: visible');
    const fitted = await viewerScale(page);
    expect(fitted).toBeGreaterThan(0);
    await expect.poll(() => activeTestId(page)).toBe('viewer-stages');
    await page.keyboard.press('+');
    await expect.poll(() => viewerScale(page)).toBeGreaterThan(fitted);
    const byKey = await viewerScale(page);
    await viewer.getByRole('button', { name: 'Vergrößern (+)' }).click();
    await expect.poll(() => viewerScale(page)).toBeGreaterThan(byKey);
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });
    expect(await paneTitle(page)).toContain(reviewed.fileNumber);

    // The decision: Alt+E reaches the form; reduce, with a reason, a template and a note.
    await page.keyboard.press('Alt+e');
    await expect
      .poll(() =>
        page.evaluate<string | null>(`document.activeElement?.getAttribute('type') ?? null`),
      )
      .toBe('radio');
    newAmountCents = Math.floor(reviewed.fineCents / 200) * 100;
    expect(newAmountCents).toBeGreaterThan(0);
    await fillDecision(page, {
      kind: 'Herabsetzen',
      amount: euroText(newAmountCents),
      reason: 'hardship',
      text: '',
    });
    // Starting to decide claims the case for the clerk.
    await expect
      .poll(() => page.getByTestId('claim-bar').getAttribute('data-claim'), { timeout: 10_000 })
      .toBe('mine');
    await page.getByTestId('decision-template').click();
    const template = await page.getByTestId('decision-text').inputValue();
    expect(template).toContain('unbillige Härte');
    await page.getByTestId('decision-text').fill(`${template}\n\nLieferverkehr belegt.`);
    await page.screenshot({ path: `${SHOTS}/review-decision-form.png` });
    expect(await seriousViolations(page, '[data-testid="case-pane"]')).toEqual([]);

    // The case after this one in the queue, where the clerk goes next.
    const index = Number(await row(page, reviewed.id).getAttribute('data-index'));
    const following = await page
      .locator(`[data-testid="case-row"][data-index="${index + 1}"]`)
      .getAttribute('data-case-id');
    expect(following).not.toBeNull();

    // The server is slow to confirm: the decision is recorded and shown, but not yet confirmed.
    linkA.holdDecisions();
    const question = await submitAndConfirm(page);
    expect(question).toContain(reviewed.fileNumber);
    expect(question).toMatch(new RegExp(`auf ${euroText(newAmountCents)}\\s€ herabgesetzt`));

    // At once, without the server: the queue moves on to the next case …
    await expect.poll(() => paneTitle(page), { timeout: 5_000 }).not.toContain(reviewed.fileNumber);
    await row(page, reviewed.id).waitFor({ state: 'detached', timeout: 5_000 });
    await expect
      .poll(() =>
        page.locator('[data-testid="case-row"][aria-selected="true"]').getAttribute('data-case-id'),
      )
      .toBe(following);
    // A fresh form for the next case.
    expect(
      await page.getByTestId('decision-kind').getByRole('radio', { checked: true }).count(),
    ).toBe(0);
    await expect.poll(() => linkA.held, { timeout: 10_000 }).toBeGreaterThan(0);

    // … and the decided case shows pending, in the list and in its pane.
    await showView(page, '7', 'all');
    const decidedRow = row(page, reviewed.id);
    await decidedRow.getByTestId('pending-marker').waitFor();
    expect(await decidedRow.locator('[data-status]').textContent()).toContain('entschieden');
    await decidedRow.click();
    await expect.poll(() => paneTitle(page)).toContain(reviewed.fileNumber);
    const pending = page.getByTestId('decision-pending');
    await pending.waitFor();
    expect(await pending.textContent()).toContain('„Herabsetzen“ wird noch gesendet');
    await pending.scrollIntoViewIfNeeded();
    await page.waitForTimeout(200);
    await page.screenshot({ path: `${SHOTS}/review-pending.png` });
    expect((await onServer(server.url, reviewed.id)).decisions).toEqual([]);

    // The server confirms: pending is gone, the decision is the case's last.
    linkA.releaseDecisions();
    await pending.waitFor({ state: 'detached', timeout: 15_000 });
    await decidedRow.getByTestId('pending-marker').waitFor({ state: 'detached', timeout: 15_000 });
    expect(await page.getByTestId('decision-not-decidable').textContent()).toContain(
      'Zuletzt herabgesetzt',
    );
    expect(await page.locator('[data-field="fine"]').textContent()).toContain(
      euroText(newAmountCents),
    );

    const there = await onServer(server.url, reviewed.id);
    expect(there.decisions).toHaveLength(1);
    expect(there.decisions[0]).toMatchObject({
      kind: 'reduce',
      newAmountCents,
      reasonCode: 'hardship',
      clerkId: 'demo-clerk',
      text: expect.stringContaining('Lieferverkehr belegt.'),
    });
    expect(there.kase).toMatchObject({ status: 'decided', fineCents: newAmountCents });
    expect(there.decidedEvents).toBe(1);

    await showView(page, '1', 'disputed');
  });

  it('shows the decision on a second console after its sync', async () => {
    const { page } = consoleB;
    expect(await selectedView(page)).toBe('disputed');
    // It leaves the second clerk's disputed cases by itself …
    await row(page, reviewed.id).waitFor({ state: 'detached', timeout: 15_000 });
    // … and shows as decided, with the new amount, where they look it up.
    await showView(page, '7', 'all');
    await openCase(page, reviewed);
    expect(await row(page, reviewed.id).locator('[data-status]').textContent()).toContain(
      'entschieden',
    );
    expect(await page.locator('[data-field="status"]').textContent()).toContain('entschieden');
    expect(await page.locator('[data-field="fine"]').textContent()).toContain(
      euroText(newAmountCents),
    );
    expect(await page.getByTestId('decision-not-decidable').textContent()).toContain(
      'Zuletzt herabgesetzt',
    );
    expect(await page.getByTestId('decision-submit').count()).toBe(0);
    expect(await page.getByTestId('case-timeline').textContent()).toContain('Claudia Schreiber');
    await page.keyboard.press('Escape');
    await pane(page).waitFor({ state: 'detached' });
    await showView(page, '1', 'disputed');
  });

  it('gives the console that decided second a conflict view, and "Andere übernehmen" settles it', async () => {
    const kase = await disputedCase('KF');
    const a = consoleA.page;
    const b = consoleB.page;
    await row(a, kase.id).waitFor({ timeout: 15_000 });
    await row(b, kase.id).waitFor({ timeout: 15_000 });

    // The second console loses its connection; its clerk decides anyway (to be sent later).
    linkB.disconnect();
    await b
      .locator('[data-testid="sync-state"][data-state="offline"]')
      .waitFor({ timeout: 15_000 });
    await openCase(b, kase);
    await b.getByTestId('decision-offline').waitFor();
    await fillDecision(b, {
      kind: 'Einstellen',
      reason: 'evidence_insufficient',
      text: 'Kennzeichen auf den Fotos nicht lesbar.',
    });
    await submitAndConfirm(b);
    await row(b, kase.id).waitFor({ state: 'detached', timeout: 5_000 });

    // Meanwhile the first clerk upholds the case, and the server takes it.
    await openCase(a, kase);
    await fillDecision(a, {
      kind: 'Aufrechterhalten',
      reason: 'offence_proven',
      text: 'Die Fotos belegen den Verstoß.',
    });
    await submitAndConfirm(a);
    await expect
      .poll(async () => (await onServer(server.url, kase.id)).decisions.length, { timeout: 15_000 })
      .toBe(1);

    // Back online, the second console's decision collides: the conflicts view has the case.
    linkB.reconnect();
    await b.locator('[data-testid="sync-state"][data-state="idle"]').waitFor({ timeout: 20_000 });
    await showView(b, '6', 'conflicts');
    await openCase(b, kase);
    const conflict = b.getByTestId('conflict-view');
    await conflict.waitFor({ timeout: 15_000 });
    const mine = (await b.getByTestId('conflict-mine').textContent()) ?? '';
    expect(mine).toContain('Einstellen');
    expect(mine).toContain('Beweislage unzureichend');
    expect(mine).toContain('Kennzeichen auf den Fotos nicht lesbar.');
    // Theirs: the winning decision, once the feed has brought it.
    await expect
      .poll(() => b.getByTestId('conflict-theirs').textContent(), { timeout: 15_000 })
      .toContain('Aufrechterhalten');
    const theirs = (await b.getByTestId('conflict-theirs').textContent()) ?? '';
    expect(theirs).toContain('entschieden');
    expect(theirs).toContain('Verstoß nachgewiesen');
    expect(theirs).toContain('Claudia Schreiber');
    await b.waitForTimeout(200);
    await b.screenshot({ path: `${SHOTS}/review-conflict.png` });
    expect(await seriousViolations(b, '[data-testid="conflict-view"]')).toEqual([]);

    // The claim taken with the decision was refused as well (the case waits for no decision).
    expect(await b.getByTestId('outbox-rejected').getAttribute('data-kind')).toBe('claim');

    // "Keep theirs": the conflict, and the claim refused with it, are gone; the server's stands.
    await b.getByTestId('conflict-discard').click();
    await conflict.waitFor({ state: 'detached', timeout: 10_000 });
    expect(await b.getByTestId('outbox-conflict').count()).toBe(0);
    // The refused claim went first, so no leftover notice stands without its conflict.
    expect(await b.getByTestId('outbox-rejected').count()).toBe(0);
    await b.getByTestId('cases-empty').waitFor({ timeout: 10_000 });
    await showView(b, '7', 'all');
    await openCase(b, kase);
    expect(await b.getByTestId('decision-not-decidable').textContent()).toContain(
      'Zuletzt aufrechterhalten',
    );
    expect(await b.getByTestId('conflict-view').count()).toBe(0);

    const there = await onServer(server.url, kase.id);
    expect(there.decisions).toHaveLength(1);
    expect(there.decisions[0]).toMatchObject({ kind: 'uphold', clerkId: 'demo-clerk' });
    expect(there.kase?.status).toBe('decided');
    await b.keyboard.press('Escape');
    await showView(b, '1', 'disputed');
    await a.keyboard.press('Escape');
  });

  it('pushes a decision made offline once the connection is back, exactly once', async () => {
    const { page } = consoleA;
    const kase = await disputedCase('OF');
    await row(page, kase.id).waitFor({ timeout: 15_000 });

    linkA.disconnect();
    await page
      .locator('[data-testid="sync-state"][data-state="offline"]')
      .waitFor({ timeout: 15_000 });
    await openCase(page, kase);
    // The pane says the decision will be kept and sent later.
    expect(await page.getByTestId('decision-offline').textContent()).toContain(
      'gesendet, sobald der Server erreichbar ist',
    );
    await fillDecision(page, {
      kind: 'An Bußgeldstelle abgeben',
      reason: 'payment_refused',
      text: 'Zahlung ausdrücklich verweigert.',
    });
    await submitAndConfirm(page);
    await row(page, kase.id).waitFor({ state: 'detached', timeout: 5_000 });

    await showView(page, '7', 'all');
    await openCase(page, kase);
    const pending = page.getByTestId('decision-pending');
    await pending.waitFor();
    expect(await pending.textContent()).toContain('sobald der Server erreichbar ist');
    expect(await row(page, kase.id).getByTestId('pending-marker').count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/review-offline-pending.png` });
    expect((await onServer(server.url, kase.id)).decisions).toEqual([]);

    linkA.reconnect();
    await pending.waitFor({ state: 'detached', timeout: 20_000 });
    expect(await page.getByTestId('decision-not-decidable').textContent()).toContain(
      'Zuletzt an Bußgeldstelle abgegeben',
    );
    const there = await onServer(server.url, kase.id);
    expect(there.decisions).toHaveLength(1);
    expect(there.decisions[0]).toMatchObject({
      kind: 'forward',
      reasonCode: 'payment_refused',
      text: 'Zahlung ausdrücklich verweigert.',
      clerkId: 'demo-clerk',
    });
    expect(there.kase?.status).toBe('forwarded');
    expect(there.decidedEvents).toBe(1);
    await page.keyboard.press('Escape');
    await showView(page, '1', 'disputed');
  });
});
