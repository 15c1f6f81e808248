/**
 * bench:ui — the review queue as a clerk sees it, with 1,000,000 cases in the console (issue #5).
 *
 * The real renderer runs in Debian's Chromium against the real main services through the browser
 * host (as the end-to-end tests do; no Electron binary here), the reference server on PGlite in
 * this process. The console's database is filled beforehand as a first sync leaves it and then
 * catches up with the server's small feed on start (see prepareConsoleDb): the server never
 * serves the million cases, which would only measure the initial sync (bench:sync does that).
 *
 *   queue_first_paint_ms  start of the console (main services, browser host, page load in a
 *                         fresh browser context) until the first queue row is painted;
 *                         baseline: the same start with a 1,000-case console, in this run
 *   page_p95_ms           p95 of ~200 filtered, searched and sorted `cases.queue` pages in the
 *                         main process (the mix of bench:queue); baseline: `cases.list`'s first page
 *   case_open_ms          p95 of 20 opens: Enter on a focused queue row until the pane's fields
 *                         of that case are painted; baseline: `cases.get` of the same cases in main
 *   photo_full_ms         p95: Enter on a thumbnail until the full viewer's image, already in the
 *                         console's photo cache, is decoded and painted; baseline: fetching the
 *                         same bytes (uncached) and decoding them in the page, without the UI
 *   scroll_frame_p95_ms   p95 animation-frame interval while the queue grid scrolls 64 px every
 *                         frame (the worse of the disputed view and all cases); baseline: the
 *                         same page idle
 * The last line is one JSON object.
 *
 *   npm run bench:ui [-- --cases 1000000] [--build]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../src/server';
import { launchChromium } from '../e2e/support/browser';
import { measureQueuePages, parseCases, percentile, round, time } from './support/queue-measure';
import {
  cachePhotos,
  ensureRendererBuilt,
  prepareConsoleDb,
  startBenchServer,
  startConsole,
  waitForSyncIdle,
  type PhotoCase,
  type RunningConsole,
} from './support/ui-console';
import {
  fetchAndDecodePhoto,
  firstRowPaintedAt,
  sampleFrames,
  timeEnterUntil,
  type FrameSample,
} from './support/ui-page';

const TARGETS = {
  queue_first_paint_ms: 1000,
  page_p95_ms: 50,
  case_open_ms: 100,
  photo_full_ms: 150,
  scroll_frame_p95_ms: 16.7,
} as const;

const BASELINE_CASES = 1000;
const OPENS = 20;
const PHOTO_CASES = 7;
const PHOTOS_PER_CASE = 3;
const SCROLL_FRAMES = 600;
const SCROLL_STEP_PX = 64;
/** The file numbers queue-data.ts generates. */
const FILE_NUMBER = /VW-\d{4}-\d{7}/;

const ratio = (value: number, baseline: number) =>
  baseline > 0 ? Number((value / baseline).toFixed(2)) : null;
const median = (values: readonly number[]) => percentile(values, 50);
const load = () => loadavg()[0]?.toFixed(2) ?? '?';

const row = (page: Page, index: number) =>
  page.locator(`[role="row"][data-case-id][aria-rowindex="${index + 2}"]`);
const pane = (page: Page) => page.getByTestId('case-pane');
const viewer = (page: Page) => page.getByTestId('photo-viewer');

/** Starts a console on `dbPath` and returns ms from its start until the first row painted. */
async function timedStart(
  browser: Browser,
  dir: string,
  name: string,
  serverUrl: string,
): Promise<{ console: RunningConsole; firstPaint: number }> {
  const running = await startConsole(browser, {
    dbPath: join(dir, `${name}.sqlite`),
    photoDir: join(dir, `${name}-photos`),
    serverUrl,
  });
  const paintedAt = await firstRowPaintedAt(running.page);
  return { console: running, firstPaint: paintedAt - running.startedAt };
}

/** Opens `OPENS` cases from the queue with Enter, each from a closed pane. */
async function measureCaseOpens(running: RunningConsole) {
  const { page, app } = running;
  const opens: number[] = [];
  const gets: number[] = [];
  for (let i = 0; i <= OPENS; i++) {
    const target = row(page, i);
    await target.waitFor({ timeout: 30_000 });
    const input = { caseId: (await target.getAttribute('data-case-id')) ?? '' };
    // The fields to wait for. Read off the row where it has a generated file number, so that
    // the main process has not just read the case; else asked for (a warmer open).
    const fileNumber =
      FILE_NUMBER.exec((await target.textContent()) ?? '')?.[0] ??
      (await app.impl['cases.get'](input)).case.fileNumber;
    await target.focus();
    opens.push(await timeEnterUntil(page, 'pane', fileNumber, () => page.keyboard.press('Enter')));
    await page.keyboard.press('Escape');
    await pane(page).waitFor({ state: 'detached' });
    // The main process's own time for the case, warm as it now is.
    gets.push(await time(() => app.impl['cases.get'](input)));
  }
  // The first open loads the pane's code and warms the caches: reported, not counted.
  const [cold = 0, ...warm] = opens;
  return { cold, opens: warm, gets: gets.slice(1) };
}

/** Shows every photo of the photo cases in the full viewer once, each from its thumbnail. */
async function measurePhotos(running: RunningConsole, photoCases: readonly PhotoCase[]) {
  const { page } = running;
  const shows: number[] = [];
  const floors: number[] = [];
  const search = page.getByRole('searchbox').first();
  for (const { kase, photos } of photoCases) {
    await search.fill(kase.plate);
    const target = page.locator(`[role="row"][data-case-id="${kase.id}"]`);
    await target.waitFor({ timeout: 30_000 });
    await target.click();
    await page.getByTestId('case-fields').filter({ hasText: kase.plate }).waitFor();
    await page
      .locator('[data-testid="photo-thumb"][data-photo-display="verified"]')
      .nth(photos.length - 1)
      .waitFor({ timeout: 30_000 });
    for (const [index, photo] of photos.entries()) {
      floors.push(await fetchAndDecodePhoto(page, photo.sha256));
      const thumb = page.getByTestId('photo-thumb').nth(index).locator('button').first();
      await thumb.focus();
      shows.push(
        await timeEnterUntil(page, 'viewer', photo.sha256, () => page.keyboard.press('Enter')),
      );
      await page.keyboard.press('Escape');
      await viewer(page).waitFor({ state: 'detached' });
    }
    // The pane stays: the next case's row, clicked, replaces it.
  }
  // Closed from inside, as a clerk would, so that the grid scrolls at its full width.
  await page.getByTestId('photo-thumb').first().locator('button').first().focus();
  await page.keyboard.press('Escape');
  await pane(page)
    .waitFor({ state: 'detached', timeout: 5000 })
    .catch(() => console.log('the case pane did not close on Escape: scrolling beside it'));
  await search.fill('');
  const [cold = 0, ...warm] = shows;
  return { cold, shows: warm, floors };
}

/** Frame times of the idle page, then while scrolling the default view and all cases. */
async function measureScrolling(running: RunningConsole) {
  const { page } = running;
  const toTop = () =>
    page.evaluate(
      `(() => { const g = document.querySelector('[role="grid"]'); g.scrollTop = 0; })()`,
    );
  await page.mouse.move(0, 0);
  await row(page, 0).waitFor();
  await page.waitForTimeout(1000);
  const idle = await sampleFrames(page, SCROLL_FRAMES / 2, 0);
  await toTop();
  const disputed = await sampleFrames(page, SCROLL_FRAMES, SCROLL_STEP_PX);
  let all: FrameSample | null = null;
  const allTab = page.locator('[role="tab"][data-view="all"]');
  if ((await allTab.count()) > 0) {
    await allTab.click();
    await page.waitForTimeout(1000);
    await row(page, 0).waitFor({ timeout: 30_000 });
    await toTop();
    all = await sampleFrames(page, SCROLL_FRAMES, SCROLL_STEP_PX);
  } else {
    console.log(
      'no "all" view tab ([role="tab"][data-view="all"]): scrolled the default view only',
    );
  }
  return { idle, disputed, all };
}

async function main(): Promise<void> {
  const total = parseCases();
  ensureRendererBuilt(process.argv.includes('--build'));
  const dir = mkdtempSync(join(tmpdir(), 'kvue-bench-ui-'));
  console.log(`machine: ${cpus().length} cores, load ${load()} at start`);
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let running: RunningConsole | undefined;
  let baselineConsole: RunningConsole | undefined;
  try {
    console.log(
      `filling a ${total.toLocaleString('en')}-case console (bulk load, as a first sync)…`,
    );
    const data = prepareConsoleDb(join(dir, 'console.sqlite'), total);
    console.log(
      `filled: ${data.cases.toLocaleString('en')} cases, ${data.disputes.toLocaleString('en')} ` +
        `disputes in ${data.seconds.toFixed(1)} s`,
    );
    prepareConsoleDb(join(dir, 'baseline.sqlite'), BASELINE_CASES);

    console.log(`starting the server with ${PHOTO_CASES} disputed photo cases…`);
    const started = await startBenchServer(PHOTO_CASES, PHOTOS_PER_CASE);
    server = started.server;
    browser = await launchChromium();

    const baseline = await timedStart(browser, dir, 'baseline', server.url);
    baselineConsole = baseline.console;
    await waitForSyncIdle(baselineConsole.app);
    await baselineConsole.close();
    baselineConsole = undefined;

    const main = await timedStart(browser, dir, 'console', server.url);
    running = main.console;
    const { steps } = running;
    console.log(
      `first row painted ${round(main.firstPaint)} ms after start (main services ` +
        `${round(steps.mainServices)}, browser host ${round(steps.browserHost)}, DOMContentLoaded ` +
        `${round(steps.domContentLoaded)}); ${BASELINE_CASES.toLocaleString('en')}-case console: ` +
        `${round(baseline.firstPaint)} ms`,
    );
    await waitForSyncIdle(running.app);
    await cachePhotos(
      running.app,
      started.photoCases.map((p) => p.kase.id),
    );

    const opens = await measureCaseOpens(running);
    const photos = await measurePhotos(running, started.photoCases);
    const scroll = await measureScrolling(running);
    const app = running.app;
    const pagesMeasured = await measureQueuePages({
      queue: (input) => app.impl['cases.queue'](input),
      list: (input) => app.impl['cases.list'](input),
    });

    const openP95 = percentile(opens.opens, 95);
    const getP95 = percentile(opens.gets, 95);
    const photoP95 = percentile(photos.shows, 95);
    const floorP95 = percentile(photos.floors, 95);
    const idleP95 = percentile(scroll.idle.times, 95);
    const views = [
      { name: 'disputed', sample: scroll.disputed },
      ...(scroll.all ? [{ name: 'all', sample: scroll.all }] : []),
    ].map(({ name, sample }) => ({
      name,
      p95: percentile(sample.times, 95),
      p50: median(sample.times),
      max: Math.max(...sample.times),
      placeholderShare: sample.placeholders / sample.times.length,
    }));
    const scrollP95 = Math.max(...views.map((v) => v.p95));

    console.log(
      `queue page p95: ${round(pagesMeasured.pageP95)} ms (p50 ` +
        `${round(median(pagesMeasured.pageTimes))}; ${pagesMeasured.pages.length} pages) = ` +
        `${ratio(pagesMeasured.pageP95, pagesMeasured.baselineP95)}× cases.list p95 ` +
        `${round(pagesMeasured.baselineP95)} ms`,
    );
    console.log('slowest pages:');
    for (const p of [...pagesMeasured.pages].sort((a, b) => b.ms - a.ms).slice(0, 5)) {
      console.log(`  ${round(p.ms)} ms  ${p.label}`);
    }
    console.log(
      `case open p95: ${round(openP95)} ms (median ${round(median(opens.opens))}, max ` +
        `${round(Math.max(...opens.opens))}; ${opens.opens.length} opens after a first one of ` +
        `${round(opens.cold)} ms) = ${ratio(openP95, getP95)}× cases.get p95 ${round(getP95)} ms`,
    );
    console.log(
      `photo full p95: ${round(photoP95)} ms (median ${round(median(photos.shows))}, max ` +
        `${round(Math.max(...photos.shows))}; ${photos.shows.length} photos after a first one of ` +
        `${round(photos.cold)} ms) = ${ratio(photoP95, floorP95)}× fetch+decode p95 ` +
        `${round(floorP95)} ms`,
    );
    console.log(`idle frame p95: ${round(idleP95)} ms (${scroll.idle.times.length} frames)`);
    for (const v of views) {
      console.log(
        `scroll frame p95 (${v.name}, ${SCROLL_STEP_PX} px/frame): ${round(v.p95)} ms (p50 ` +
          `${round(v.p50)}, max ${round(v.max)}; placeholders in ` +
          `${(v.placeholderShare * 100).toFixed(0)}% of frames) = ${ratio(v.p95, idleP95)}× idle`,
      );
    }
    const figures = {
      queue_first_paint_ms: round(main.firstPaint),
      page_p95_ms: round(pagesMeasured.pageP95),
      case_open_ms: round(openP95),
      photo_full_ms: round(photoP95),
      scroll_frame_p95_ms: round(scrollP95),
    };
    const met = Object.fromEntries(
      Object.entries(figures).map(([key, value]) => [
        key,
        value <= TARGETS[key as keyof typeof TARGETS],
      ]),
    );
    console.log(
      `targets: ${Object.entries(met)
        .map(([key, ok]) => `${key} ${ok ? 'met' : 'MISSED'}`)
        .join(', ')}; load ${load()} at end`,
    );
    console.log(
      JSON.stringify({
        cases: total,
        fill_s: Number(data.seconds.toFixed(1)),
        ...figures,
        queue_first_paint_baseline_ms: round(baseline.firstPaint),
        queue_first_paint_ratio_to_baseline: ratio(main.firstPaint, baseline.firstPaint),
        page_baseline_list_p95_ms: round(pagesMeasured.baselineP95),
        page_ratio_to_baseline: ratio(pagesMeasured.pageP95, pagesMeasured.baselineP95),
        case_open_stat: `p95 of ${opens.opens.length}`,
        case_open_median_ms: round(median(opens.opens)),
        case_open_baseline_get_p95_ms: round(getP95),
        case_open_ratio_to_baseline: ratio(openP95, getP95),
        photo_full_stat: `p95 of ${photos.shows.length}`,
        photo_full_median_ms: round(median(photos.shows)),
        photo_full_baseline_fetch_decode_p95_ms: round(floorP95),
        photo_full_ratio_to_baseline: ratio(photoP95, floorP95),
        scroll_frame_p95_by_view_ms: Object.fromEntries(views.map((v) => [v.name, round(v.p95)])),
        scroll_idle_frame_p95_ms: round(idleP95),
        scroll_frame_ratio_to_baseline: ratio(scrollP95, idleP95),
        targets_met: met,
        load_1min: Number(load()),
        cores: cpus().length,
      }),
    );
  } finally {
    await baselineConsole?.close();
    await running?.close();
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error('bench:ui failed:', error instanceof Error ? error.stack : error);
  process.exit(1);
});
