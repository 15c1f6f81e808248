import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLogin, startServer } from '../../src/server';
import { readWholeFeed, tokenFor } from '../integration/server/support/client';
import { latestOf } from '../integration/server/support/mutations';
import { seriousViolations } from './support/axe';
import { launchChromium, openConsole, type Console } from './support/browser';
import { type FieldShift, startFieldShift } from './support/field';

type Server = Awaited<ReturnType<typeof startServer>>;

const SHOTS = '/tmp/kvue-shots';
/** Eight demo officers: team Nord (the lead's team) is officer-01 and officer-05. */
const OFFICERS = 8;

/**
 * Issue #6, "Done when" (the team lead's part): an urgent dispatch with acknowledgement to a
 * team, watched until the summary is complete while the field simulator plays every officer;
 * a scheduled dispatch called off; templates. In Chromium through the browser host.
 */
describe('dispatches of a team lead, through the browser host', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kvue-e2e-dispatch-'));
  let server: Server;
  let browser: Browser;
  let lead: Console;
  let page: Page;
  let field: FieldShift;

  async function leadFeed() {
    const token = await tokenFor(server.url, demoLogin('team_lead').username);
    return (await readWholeFeed(server.url, token)).changes;
  }

  async function newDispatch(body: string) {
    await page.getByTestId('dispatch-new').click();
    await page.getByTestId('dispatch-form').waitFor();
    await page.getByTestId('dispatch-body').fill(body);
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer({
      dataDir: join(dir, 'server'),
      port: 0,
      seed: { cases: 10, officers: OFFICERS },
    });
    browser = await launchChromium();
    lead = await openConsole(browser, {
      dir,
      name: 'lead',
      serverUrl: server.url,
      credentials: demoLogin('team_lead'),
    });
    page = lead.page;
    field = startFieldShift(server.url, { officers: OFFICERS, seed: 11 });
  });

  afterAll(async () => {
    await field?.stop();
    await lead?.close();
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends an urgent dispatch to a team and watches every acknowledgement arrive', async () => {
    await field.onShift;
    // Alt+R reaches the dispatches once the console knows it works for a team lead (its login).
    await page.getByTestId('nav-dispatch').waitFor({ timeout: 60_000 });
    await page.keyboard.press('Alt+R');
    await page.getByTestId('dispatch-screen').waitFor();
    const body = 'Dringend: Großveranstaltung am Königsplatz, bitte Zufahrten freihalten.';
    await newDispatch(body);
    await page.getByTestId('dispatch-teams').getByText('Außendienst Nord').click();
    await page.getByTestId('dispatch-priority').getByText('Dringend').click();
    await page.getByTestId('dispatch-ack').click();
    await page.getByTestId('dispatch-send').click();

    const summary = page.getByTestId('dispatch-summary');
    await expect.poll(() => summary.textContent(), { timeout: 10_000 }).toMatch(/von 2 bestätigt/);
    await page.screenshot({ path: join(SHOTS, 'dispatch-sent.png') });
    // The simulated officers read and acknowledge; the summary follows live.
    await expect.poll(() => summary.textContent(), { timeout: 30_000 }).toBe('2 von 2 bestätigt');
    await page.getByTestId('dispatch-complete').waitFor();
    expect(await page.getByTestId('dispatch-recipient').allTextContents()).toHaveLength(2);
    expect(await page.getByTestId('dispatch-item-summary').first().textContent()).toBe(
      '2 von 2 bestätigt',
    );
    await page.screenshot({ path: join(SHOTS, 'dispatch-complete.png') });

    // The server holds one dispatch and one message in the team's channel, acknowledged twice.
    const changes = await leadFeed();
    const dispatch = latestOf(changes, 'dispatch').find((d) => d.body === body);
    expect(dispatch).toMatchObject({ status: 'sent', priority: 'urgent', ackRequested: true });
    const messageIds = new Set(
      latestOf(changes, 'message')
        .filter((m) => m.dispatchId === dispatch?.id)
        .map((m) => m.id),
    );
    expect(messageIds.size).toBe(1);
    const acknowledgedBy = new Set(
      latestOf(changes, 'receipt')
        .filter((r) => messageIds.has(r.messageId) && r.acknowledgedAt !== null)
        .map((r) => r.userId),
    );
    expect([...acknowledgedBy].sort()).toEqual(['officer-01', 'officer-05']);
  });

  it('schedules a dispatch from a template and calls it off before it is sent', async () => {
    await page.keyboard.press('Alt+R');
    const body = 'Morgen 7 Uhr Einsatzbesprechung im Kreisverwaltungsreferat.';
    await newDispatch(body);
    await page.getByTestId('dispatch-save-template').click();
    await page.getByTestId('dispatch-body').fill('');
    await page.getByTestId('dispatch-template').selectOption({ label: body.slice(0, 39) + '…' });
    expect(await page.getByTestId('dispatch-body').inputValue()).toBe(body);

    await page.getByTestId('dispatch-teams').getByText('Außendienst Nord').click();
    await page.getByTestId('dispatch-later').click();
    const tomorrow = new Date(Date.now() + 86_400_000);
    const local = `${tomorrow.toISOString().slice(0, 10)}T07:00`;
    await page.getByTestId('dispatch-send-at').fill(local);
    await page.getByTestId('dispatch-send').click();
    const detail = page.getByTestId('dispatch-detail');
    await expect.poll(() => detail.textContent(), { timeout: 10_000 }).toContain('Geplant für');
    await page.getByTestId('dispatch-cancel').click();
    await expect
      .poll(() => detail.textContent(), { timeout: 10_000 })
      .toContain('wurde widerrufen');

    await expect
      .poll(async () => latestOf(await leadFeed(), 'dispatch').find((d) => d.body === body)?.status)
      .toBe('cancelled');
    const sent = latestOf(await leadFeed(), 'message').filter((m) => m.body === body);
    expect(sent).toEqual([]);
  });

  it('has no serious accessibility violations in the dispatch area', async () => {
    await page.keyboard.press('Alt+R');
    await page.getByTestId('dispatch-item').first().click();
    await page.getByTestId('dispatch-detail').waitFor();
    expect(await seriousViolations(page, '[data-testid="dispatch-screen"]')).toEqual([]);
    await page.getByTestId('dispatch-new').click();
    await page.getByTestId('dispatch-form').waitFor();
    expect(await seriousViolations(page, '[data-testid="dispatch-screen"]')).toEqual([]);
  });
});
