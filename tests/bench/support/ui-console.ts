import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startMainApp, type MainApp } from '../../../src/main/app';
import { startBrowserHost, type BrowserHost } from '../../../src/main/browser-host';
import { openDatabase } from '../../../src/main/db/connection';
import { demoLogin, startServer, type RunningServer } from '../../../src/server';
import type { CaseRecord } from '../../../src/shared/domain/case';
import { createCaseAsOfficer } from '../../e2e/support/field';
import { fileDispute, uploadCasePhotos, type UploadedPhoto } from '../../e2e/support/photos';
import { generate, type Generated } from './queue-data';
import { FIRST_ROW_SCRIPT } from './ui-page';

export const RENDERER_DIR = resolve('out/renderer');

/** The newest modification time under `dir`, in ms (0 for nothing). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * The bench runs the built renderer, as the end-to-end tests do. It is built (the whole app, as
 * `npm run build` does) only when missing or older than its sources, so a run does not rewrite
 * `out/` under other work for nothing; `--build` forces it.
 */
export function ensureRendererBuilt(force: boolean): void {
  const index = join(RENDERER_DIR, 'index.html');
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  const sources = Math.max(
    newestMtime(resolve('src/renderer')),
    newestMtime(resolve('src/shared')),
  );
  if (!force && built >= sources) return;
  console.log(force ? 'building the renderer (--build)…' : 'the renderer is stale: building…');
  try {
    execFileSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
  } catch (error) {
    // Others' work in progress may not build; the last build still measures the queue.
    if (built === 0) throw error;
    console.warn('the build failed: measuring the previous build of the renderer');
  }
}

/**
 * A console database filled as a first sync of `total` cases leaves it (bulk load, indexes built
 * at the end), then pointed at the start of the bench server's feed: the console keeps its cases
 * (a cursor above 0 is not a reset, and a non-empty console never bulk-loads again) and on start
 * catches up with the server's small feed, which brings the photo cases. So the measured start is
 * that of a console that synced a million cases before and now has a few changes to pull, the
 * usual morning; the server does not have to serve a million cases for it.
 */
export function prepareConsoleDb(path: string, total: number): Generated {
  const db = openDatabase(path);
  try {
    // Only for the fill: a bench database need not survive a power cut; the app keeps FULL.
    db.pragma('synchronous = OFF');
    const data = generate(db, total, { bulkLoad: true });
    db.pragma('synchronous = FULL');
    // The generated feed's cursors belong to no server: read the bench server's from its start.
    db.prepare('UPDATE sync_state SET cursor = 0, epoch = NULL WHERE id = 1').run();
    db.pragma('wal_checkpoint(TRUNCATE)');
    return data;
  } finally {
    db.close();
  }
}

export interface PhotoCase {
  kase: CaseRecord;
  photos: UploadedPhoto[];
}

/**
 * The reference server on PGlite in this process, with its demo users and a few demo cases, and
 * `count` disputed cases whose photos the field app uploaded. Its own work is done before anything
 * is timed (the photos are cached first), so sharing the thread costs the timings nothing but the
 * live socket's keep-alives.
 */
export async function startBenchServer(
  count: number,
  photosPerCase: number,
): Promise<{ server: RunningServer; photoCases: PhotoCase[] }> {
  const server = await startServer({ port: 0, seed: { cases: 20 } });
  const photoCases: PhotoCase[] = [];
  for (let i = 0; i < count; i++) {
    // "Q" is in no generated plate (queue-data.ts leaves it out): a search finds only this one.
    const plate = `M-QB ${1000 + i}`;
    const kase = await createCaseAsOfficer(server.url, { id: randomUUID(), plate });
    const photos = await uploadCasePhotos(server.url, kase, photosPerCase);
    await fileDispute(server.url, kase.id);
    photoCases.push({ kase, photos });
  }
  return { server, photoCases };
}

export interface RunningConsole {
  app: MainApp;
  host: BrowserHost;
  context: BrowserContext;
  page: Page;
  /** Wall-clock ms (epoch, fractional) when the start began, as `performance.timeOrigin + now`. */
  startedAt: number;
  /** Steps of the start, in ms from `startedAt`. */
  steps: { mainServices: number; browserHost: number; domContentLoaded: number };
  close(): Promise<void>;
}

const wallNow = () => performance.timeOrigin + performance.now();

/**
 * Starts a console as a clerk's morning does: the main services open the database and start
 * syncing, the browser host serves the renderer (Electron would load it into its window), and a
 * fresh browser context (empty HTTP cache) opens it. The browser process itself is already
 * running, as Electron's would be by the time it loads its window.
 */
export async function startConsole(
  browser: Browser,
  options: { dbPath: string; photoDir: string; serverUrl: string },
): Promise<RunningConsole> {
  const context = await browser.newContext({
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    viewport: { width: 1440, height: 900 },
  });
  await context.addInitScript({ content: FIRST_ROW_SCRIPT });
  const page = await context.newPage();

  const startedAt = wallNow();
  const app = await startMainApp({
    dbPath: options.dbPath,
    serverUrl: options.serverUrl,
    credentials: demoLogin('clerk'),
    photoDir: options.photoDir,
    // The generated cases closed months ago; retention's first run is not what this measures.
    retentionDays: 0,
  });
  const mainServices = wallNow() - startedAt;
  const host = await startBrowserHost({ app, rendererDir: RENDERER_DIR });
  const browserHost = wallNow() - startedAt;
  await page.goto(host.url, { waitUntil: 'domcontentloaded' });
  const domContentLoaded = wallNow() - startedAt;
  return {
    app,
    host,
    context,
    page,
    startedAt,
    steps: { mainServices, browserHost, domContentLoaded },
    async close() {
      await context.close();
      await host.close();
      await app.close();
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the console has pulled everything the server has (its sync is idle). */
export async function waitForSyncIdle(app: MainApp, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const status = await app.impl['sync.status']({});
    if (status.state === 'idle') return;
    if (Date.now() > until) throw new Error(`sync not idle after ${timeoutMs} ms: ${status.state}`);
    await sleep(100);
  }
}

/**
 * Puts the photos of `caseIds` into the console's photo cache, as opening their cases would,
 * and waits until each is stored, verified and has its thumbnail.
 */
export async function cachePhotos(
  app: MainApp,
  caseIds: readonly string[],
  timeoutMs = 120_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (const caseId of caseIds) {
    await app.impl['photos.prioritize']({ caseId });
    for (;;) {
      const { photos } = await app.impl['photos.forCase']({ caseId });
      if (photos.length > 0 && photos.every((p) => p.verified && p.thumbnail)) break;
      const failed = photos.find((p) => p.state === 'failed');
      if (failed) throw new Error(`photo ${failed.sha256} failed: ${failed.error ?? '?'}`);
      if (Date.now() > until) throw new Error(`photos of ${caseId} not cached in time`);
      await sleep(100);
    }
  }
}
