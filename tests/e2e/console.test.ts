import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMainApp, type MainApp } from '../../src/main/app';
import { startBrowserHost, type BrowserHost } from '../../src/main/browser-host';
import { demoLogin, startServer } from '../../src/server';
import { launchChromium } from './support/browser';
import { createCaseAsOfficer } from './support/field';

type Server = Awaited<ReturnType<typeof startServer>>;

describe('console through the browser host', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kvue-e2e-'));
  const serverDir = join(dir, 'server');
  let server: Server;
  let app: MainApp;
  let host: BrowserHost;
  let browser: Browser;
  let page: Page;

  const rowWithPlate = (plate: string) =>
    page.getByTestId('case-row').filter({ hasText: plate }).first();
  const syncState = (state: string) =>
    page.locator(`[data-testid="sync-state"][data-state="${state}"]`);

  beforeAll(async () => {
    server = await startServer({ dataDir: serverDir, port: 0, seed: true });
    app = await startMainApp({
      dbPath: join(dir, 'console.sqlite'),
      serverUrl: server.url,
      credentials: demoLogin('clerk'),
    });
    host = await startBrowserHost({ app, rendererDir: resolve('out/renderer') });
    browser = await launchChromium();
    page = await browser.newPage({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });
    await page.goto(host.url);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await app?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the seeded cases in German', async () => {
    await page.getByTestId('case-row').first().waitFor();
    await syncState('idle').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    expect(await syncState('idle').textContent()).toContain('Synchronisiert');
    // The queue opens on the disputed cases.
    expect(await page.locator('[role="tab"][aria-selected="true"]').getAttribute('data-view')).toBe(
      'disputed',
    );
    const firstRow = await page.getByTestId('case-row').first().textContent();
    // A German file number, a plate and an amount in German format.
    expect(firstRow).toMatch(/VW-\d{4}-\d+/);
    expect(firstRow).toMatch(/\d+,\d{2}\s€/);
    expect(await page.getByText(/\d+ Vorgänge/).count()).toBeGreaterThan(0);
  });

  it('shows a case added on the server without a reload', async () => {
    // A new case is not disputed: it shows in the queue's "Alle" view, not in the default one.
    await page.locator('[role="tab"][data-view="all"]').click();
    await page.locator('[role="tab"][data-view="all"][aria-selected="true"]').waitFor();
    // A marker in the page's global scope survives only if the page is not reloaded.
    await page.evaluate('globalThis.notReloaded = true');
    const plate = `M-EE ${Math.floor(1000 + Math.random() * 8999)}`;
    await createCaseAsOfficer(server.url, { id: randomUUID(), plate });
    await rowWithPlate(plate).waitFor({ timeout: 10_000 });
    expect(await page.evaluate('globalThis.notReloaded')).toBe(true);
  });

  it('shows offline within 5 s when the server stops, and recovers by itself', async () => {
    const port = new URL(server.url).port;
    const before = await page.getByTestId('case-row').first().textContent();
    await server.close();
    const stoppedAt = Date.now();
    await syncState('offline').waitFor({ timeout: 5_000 });
    expect(Date.now() - stoppedAt).toBeLessThan(5_000);
    await page.getByTestId('offline-banner').waitFor();
    // The clerk keeps seeing what was synced.
    expect(await page.getByTestId('case-row').first().textContent()).toBe(before);

    server = await startServer({ dataDir: serverDir, port: Number(port), seed: true });
    await syncState('idle').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('offline-banner').count()).toBe(0);

    const plate = `M-RR ${Math.floor(1000 + Math.random() * 8999)}`;
    await createCaseAsOfficer(server.url, { id: randomUUID(), plate });
    await rowWithPlate(plate).waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('case-row').first().textContent()).toContain(plate);
  });
});
