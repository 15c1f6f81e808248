import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLogin, startServer } from '../../src/server';
import { seriousViolations } from './support/axe';
import { launchChromium, openConsole, type Console } from './support/browser';
import { createCaseAsOfficer } from './support/field';
import {
  corruptServerPhoto,
  fileDispute,
  uploadCasePhotos,
  type UploadedPhoto,
} from './support/photos';

type Server = Awaited<ReturnType<typeof startServer>>;

const SHOTS = '/tmp/kvue-shots';

describe('case pane and photo viewer through the browser host', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kvue-e2e-photos-'));
  const serverDir = join(dir, 'server');
  let server: Server;
  let session: Console;
  let browser: Browser;
  let page: Page;

  const rowWithPlate = (plate: string) =>
    page.getByTestId('case-row').filter({ hasText: plate }).first();
  const pane = () => page.getByTestId('case-pane');
  const viewer = () => page.getByTestId('photo-viewer');
  const uniquePlate = (letters: string) =>
    `M-${letters} ${Math.floor(1000 + Math.random() * 8999)}`;

  /** A disputed case with photos, recorded and uploaded as the field app would. */
  async function seedDisputedCase(plate: string, photoCount: number) {
    const kase = await createCaseAsOfficer(server.url, { id: randomUUID(), plate });
    const photos = await uploadCasePhotos(server.url, kase, photoCount);
    await fileDispute(server.url, kase.id);
    return { kase, photos };
  }

  // The test code is compiled without DOM types: page-side code goes in as strings.
  const inPage = <T>(expression: string) => page.evaluate<T>(expression);
  const styleOf = async (index = 0) =>
    (await page.getByTestId('viewer-image').nth(index).getAttribute('style')) ?? '';
  const transformOf = async (index = 0) => /transform: ([^;]+)/.exec(await styleOf(index))?.[1];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer({ dataDir: serverDir, port: 0, seed: true });
    browser = await launchChromium();
    session = await openConsole(browser, {
      dir,
      name: 'console',
      serverUrl: server.url,
      credentials: demoLogin('clerk'),
      viewport: { width: 1440, height: 900 },
    });
    ({ page } = session);
  });

  afterAll(async () => {
    await session?.close();
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  let photos: UploadedPhoto[] = [];
  let plate = '';

  it('opens a disputed case with Enter and shows its verified thumbnails', async () => {
    plate = uniquePlate('PV');
    ({ photos } = await seedDisputedCase(plate, 3));
    const row = rowWithPlate(plate);
    await row.waitFor({ timeout: 15_000 });
    await row.getByText('Einspruch').waitFor({ timeout: 15_000 });

    await row.focus();
    await page.keyboard.press('Enter');
    await pane().waitFor();
    expect(await row.getAttribute('aria-selected')).toBe('true');
    const fields = await page.getByTestId('case-fields').textContent();
    expect(fields).toContain(plate);
    expect(fields).toMatch(/\d+,\d{2}\s€/);
    expect(fields).toContain('Leopoldstraße 40');

    const thumbs = page.getByTestId('photo-thumb');
    await expect.poll(() => thumbs.count(), { timeout: 20_000 }).toBe(3);
    await expect
      .poll(
        () => page.locator('[data-testid="photo-thumb"][data-photo-display="verified"]').count(),
        {
          timeout: 30_000,
        },
      )
      .toBe(3);
    expect(await pane().getByTestId('photo-verified').count()).toBe(3);
    expect(await pane().getByTestId('photo-verified').first().textContent()).toBe('Hash geprüft');
    // The thumbnails are images served by hash, and they have loaded.
    await expect
      .poll(() =>
        inPage<boolean>(
          `[...document.querySelectorAll('[data-testid="photo-thumb"] img')].every((img) => img.naturalWidth > 0)`,
        ),
      )
      .toBe(true);
    const sources = await Promise.all(
      [0, 1, 2].map((i) => thumbs.locator('img').nth(i).getAttribute('src')),
    );
    expect(sources).toEqual(photos.map((p) => expect.stringMatching(`^/photo/${p.sha256}`)));

    await page.screenshot({ path: `${SHOTS}/case-pane.png` });
    expect(await seriousViolations(page, '[data-testid="case-pane"]')).toEqual([]);
  });

  it('zooms, rotates and compares in the viewer, and hands focus back on Escape', async () => {
    const first = page.getByTestId('photo-thumb').first().locator('button').first();
    await first.focus();
    await page.keyboard.press('Enter');
    await viewer().waitFor();
    await expect.poll(() => styleOf(0)).toContain('visibility: visible');
    expect(await viewer().getByRole('heading').first().textContent()).toBe('Foto 1 von 3');
    // Focus is on the photo, so its keys work at once (and no tooltip swallows Escape).
    await expect
      .poll(() => inPage(`document.activeElement?.getAttribute('data-testid')`))
      .toBe('viewer-stages');

    const fitted = await transformOf();
    await page.keyboard.press('+');
    const zoomed = await transformOf();
    expect(zoomed).not.toBe(fitted);
    const scale = (transform = '') => Number(/scale\(([\d.]+)\)/.exec(transform)?.[1]);
    expect(scale(zoomed)).toBeGreaterThan(scale(fitted));

    await page.keyboard.press('r');
    expect(await transformOf()).toContain('rotate(90deg)');
    // The metadata: German time, size and the trust mark.
    const meta = await viewer().getByTestId('photo-meta').first().textContent();
    expect(meta).toMatch(/\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}/);
    expect(meta).toMatch(/\d+ kB/);
    expect(meta).toContain('48,16300° N');
    expect(meta).toContain('Hash geprüft');
    await page.waitForTimeout(300); // the dialog's fade-in
    await page.screenshot({ path: `${SHOTS}/viewer-zoomed-rotated.png` });

    // Compare: a second photo picked from the viewer's strip, side by side.
    await viewer().getByTestId('viewer-compare').click();
    await viewer().getByRole('button', { name: 'Foto 3', exact: true }).click();
    await expect.poll(() => page.getByTestId('viewer-stage').count()).toBe(2);
    await expect
      .poll(() => page.getByTestId('viewer-image').nth(1).getAttribute('src'))
      .toContain(photos[2]?.sha256 ?? 'missing');
    expect(await viewer().getByRole('heading').first().textContent()).toBe(
      'Vergleich: Foto 1 und Foto 3',
    );
    expect(await viewer().getByTestId('photo-meta').count()).toBe(2);
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SHOTS}/viewer-compare.png` });
    expect(await seriousViolations(page, '[data-testid="photo-viewer"]')).toEqual([]);

    await page.keyboard.press('Escape');
    await viewer().waitFor({ state: 'detached' });
    await expect
      .poll(() => inPage<string | null>(`document.activeElement?.getAttribute('data-sha256')`))
      .toBe(photos[0]?.sha256);
    // The pane stayed open: Escape belonged to the viewer.
    expect(await pane().count()).toBe(1);

    // A second Escape closes the pane and returns to the case's row.
    await page.keyboard.press('Escape');
    await pane().waitFor({ state: 'detached' });
    expect(await inPage(`document.activeElement?.getAttribute('role')`)).toBe('row');
    expect(await inPage(`document.activeElement?.textContent`)).toContain(plate);
  });

  it('never shows a photo whose bytes do not match its hash, and says why', async () => {
    const badPlate = uniquePlate('HX');
    const kase = await createCaseAsOfficer(server.url, { id: randomUUID(), plate: badPlate });
    const [bad] = await uploadCasePhotos(server.url, kase, 1);
    if (!bad) throw new Error('no photo uploaded');
    // Broken on the server before the console ever asked for it (downloads wait for a case to open).
    corruptServerPhoto(join(serverDir, 'photos'), bad);
    await fileDispute(server.url, kase.id);

    const row = rowWithPlate(badPlate);
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    await pane().waitFor();
    const thumb = page.getByTestId('photo-thumb').first();
    await thumb.waitFor({ timeout: 20_000 });
    await expect
      .poll(() => thumb.getAttribute('data-photo-display'), { timeout: 30_000 })
      .toMatch(/^(failed|retrying)$/);
    expect(await thumb.locator('img').count()).toBe(0);
    expect(await pane().getByTestId('photo-verified').count()).toBe(0);
    expect(await thumb.getByTestId('photo-error').textContent()).toBe('Hash falsch');
    // The reason is in the tooltip, and the image URL answers 404.
    await thumb.getByTestId('photo-error').focus();
    await expect
      .poll(() => page.getByRole('tooltip').textContent(), { timeout: 5_000 })
      .toContain('Hash mismatch');
    // What an <img> would get: same origin, with the photo cookie.
    const status = await inPage<number>(`fetch('/photo/${bad.sha256}').then((r) => r.status)`);
    expect(status).toBe(404);
    await expect(thumb.getByRole('button', { name: 'Erneut laden' }).count()).resolves.toBe(1);
    await page.screenshot({ path: `${SHOTS}/case-pane-bad-photo.png` });

    // Not in the viewer either.
    await thumb.locator('button').first().focus();
    await page.keyboard.press('Enter');
    await viewer().waitFor();
    await viewer().getByTestId('viewer-unavailable').waitFor();
    expect(await viewer().getByTestId('viewer-image').count()).toBe(0);
    // Zoom and rotation have nothing to act on.
    expect(await viewer().getByRole('button', { name: 'Vergrößern (+)' }).isDisabled()).toBe(true);
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${SHOTS}/viewer-bad-photo.png` });
    await page.keyboard.press('Escape');
    await viewer().waitFor({ state: 'detached' });
  });
});
