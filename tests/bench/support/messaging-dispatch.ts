/**
 * bench:messaging's dispatch_summary_ms: from the last acknowledgement of a dispatch to 250
 * recipients until the sender's summary shows it, in the real renderer (Chromium through the
 * browser host) of the demo team lead's console.
 *
 * The demo roster has 180 field officers, all in the four team channels; the all-hands channel
 * adds only the clerk and the admin. So the bench adds the rest (70) as officers of its own in
 * its throwaway database (messaging-dispatch-data.ts), and the dispatch goes to the four teams
 * and, by name, to those 70 (a direct conversation each): 74 messages, 250 recipients.
 *
 * Each dispatch is sent through the lead's console (`dispatch.send`, the outbox), opened in the
 * Rundnachrichten area (Alt+R, a click on its list entry), and acknowledged by every recipient
 * but one, each as themselves through the field API, several requests at a time. Once the
 * console has settled (the summary shows N−1 of N, the sync is idle and the renderer has made no
 * call for a while), the last recipient acknowledges: timed from just before that POST until
 * "N von N bestätigt" is painted in the dispatch's headline (the figure) and in its list entry.
 * Beside it: when the main process announced the change (`data.changed`) with the
 * acknowledgement in its database, and the POST's own round trip. Baseline, in the same run and
 * the same way: a dispatch to 10 officers by name. `rounds` of each, alternating which goes first.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { dispatchSendInputSchema } from '../../../src/shared/contract/work-calls';
import type { DispatchTargets } from '../../../src/shared/domain/dispatch';
import { demoLogin } from '../../../src/server/store/seed';
import { DEMO_TEAMS } from '../../../src/server/store/seed-data/people';
import { launchChromium } from '../../e2e/support/browser';
import {
  openLeadPage,
  startLeadConsole,
  type LeadCall,
  type LeadConsole,
} from './messaging-dispatch-console';
import {
  acknowledge,
  acknowledgeAll,
  addBenchOfficers,
  channelReach,
  demoOfficerIds,
  issueTokens,
  openServerDb,
  recipientsOf,
  userIdOf,
  type Recipient,
  type ServerDb,
} from './messaging-dispatch-data';
import { armSummary, pageClockOffset, shownTexts, summaryResult } from './messaging-dispatch-page';
import { percentile, round } from './queue-measure';

export interface DispatchResult {
  /** The figure, or null when not measured. */
  ms: number | null;
  /** Its baseline in the same run, or null. */
  baselineMs: number | null;
  /** What the baseline is, for the report's table. */
  baselineLabel: string;
  /** What was measured, or why nothing was. */
  note: string;
  /** The figures beside it, for the report's JSON line. */
  details: Record<string, number | string | null>;
}

/** Recipients of the measured dispatch (the issue's), and of the baseline's. */
const RECIPIENTS = 250;
const BASELINE_RECIPIENTS = 10;
/** Dispatches of each size. */
const ROUNDS = 5;
/** Acknowledgements in flight at once while the first N−1 come in. */
const PARALLEL_ACKS = 6;
const BODY =
  'Dringend: Großveranstaltung am Königsplatz ab 18 Uhr, Zufahrten freihalten. Bitte bestätigen.';

const wallNow = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values: readonly number[]) => percentile(values, 50);
const summaryText = (acknowledged: number, total: number) =>
  `${acknowledged} von ${total} bestätigt`;

interface Sample {
  recipients: number;
  /** From just before the last POST until painted: the headline, the list entry. */
  ms: number;
  itemMs: number;
  /** … until the headline's text was first in the document (before its frame). */
  seenMs: number;
  /** … until the main process announced the change with the acknowledgement in its database. */
  mainMs: number;
  /** The last POST's own round trip. */
  postMs: number;
  /** The page's clock minus this process's, as measured, and that measurement's round trip. */
  clock: { offset: number; rtt: number };
  /** How long the first N−1 acknowledgements took, and the console to settle after them. */
  acksSeconds: number;
  settleSeconds: number;
  /** The renderer's calls while the first N−1 came in. */
  stormCalls: LeadCall[];
  /** The renderer's calls from the last POST until the headline was painted, in ms after it. */
  calls: { name: string; at: number; ms: number }[];
}

async function until<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined>,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(50);
  }
}

/** Until the renderer has made no contract call for `quietMs` and the sync is idle. */
async function settle(lead: LeadConsole, quietMs = 500, maxMs = 30_000): Promise<void> {
  await until('the console settling', maxMs, async () => {
    const last = lead.calls.at(-1);
    const quiet = !last || wallNow() - (last.at + last.ms) >= quietMs;
    return quiet && (await lead.app.impl['sync.status']({})).state === 'idle' ? true : undefined;
  });
}

async function showDispatches(page: Page): Promise<void> {
  await page.getByTestId('sync-state').waitFor({ timeout: 60_000 });
  const screen = page.getByTestId('dispatch-screen');
  // The area is offered once the console knows it works as a team lead.
  await until('the dispatch area', 30_000, async () => {
    await page.keyboard.press('Alt+R');
    return (await screen.isVisible()) ? true : undefined;
  });
}

/** Sends a dispatch through the console and waits until it is confirmed with every recipient. */
async function send(lead: LeadConsole, targets: DispatchTargets, expected: number) {
  const item = await lead.app.impl['dispatch.send'](
    dispatchSendInputSchema.parse({ targets, body: BODY, priority: 'urgent', ackRequested: true }),
  );
  const id = item.id;
  await until(`dispatch ${id} confirmed to ${expected} recipients`, 60_000, async () => {
    const { summary } = await lead.app.impl['dispatch.get']({ dispatchId: id });
    return !summary.pending && summary.counts.recipients === expected ? true : undefined;
  });
  return id;
}

async function openDispatch(page: Page, id: string, expected: string): Promise<void> {
  await page.locator(`[data-testid="dispatch-item"][data-dispatch-id="${id}"]`).click();
  await until(`dispatch ${id} open`, 30_000, async () => {
    const shown = await shownTexts(page, id);
    return shown.selected && shown.detail === expected ? true : undefined;
  });
}

async function measureOne(
  lead: LeadConsole,
  page: Page,
  db: ServerDb,
  serverUrl: string,
  tokens: Map<string, string>,
  targets: DispatchTargets,
  expected: number,
): Promise<Sample> {
  const id = await send(lead, targets, expected);
  const recipients = await recipientsOf(db, id);
  if (recipients.length !== expected) {
    throw new Error(`dispatch reached ${recipients.length} on the server, expected ${expected}`);
  }
  const missing = recipients.map((r) => r.userId).filter((userId) => !tokens.has(userId));
  for (const [userId, token] of await issueTokens(db, missing)) tokens.set(userId, token);
  await openDispatch(page, id, summaryText(0, expected));
  await settle(lead);

  // Everyone but the last: the one to acknowledge last is the last by id (a team channel's
  // member in the big dispatch, a direct conversation's in the baseline).
  const last = recipients.at(-1) as Recipient;
  const first = recipients.slice(0, -1);
  const stormFrom = lead.calls.length;
  const acked = performance.now();
  await acknowledgeAll(serverUrl, tokens, first, PARALLEL_ACKS);
  const acksSeconds = (performance.now() - acked) / 1000;
  const before = summaryText(expected - 1, expected);
  await until(`"${before}" shown`, 60_000, async () => {
    const shown = await shownTexts(page, id);
    return shown.detail === before && shown.item === before ? true : undefined;
  });
  await settle(lead);
  const settleSeconds = (performance.now() - acked) / 1000 - acksSeconds;
  const stormCalls = lead.calls.slice(stormFrom);

  const done = summaryText(expected, expected);
  await armSummary(page, id, done, 30_000);
  const clock = await pageClockOffset(page);
  const main = lead.watchAck(last.messageId, last.userId);
  const callsFrom = lead.calls.length;
  const startedAt = wallNow();
  await acknowledge(serverUrl, tokens.get(last.userId) ?? '', last.messageId);
  const postMs = wallNow() - startedAt;
  const timing = await summaryResult(page);
  let timer: NodeJS.Timeout | undefined;
  const mainAt = await Promise.race([
    main,
    new Promise<number>((resolve) => (timer = setTimeout(() => resolve(NaN), 30_000))),
  ]);
  clearTimeout(timer);
  const inHere = (pageAt: number) => pageAt - clock.offset - startedAt;
  const ms = inHere(timing.detailPaintedAt);
  const calls = lead.calls
    .slice(callsFrom)
    .filter((call) => call.at - startedAt <= ms)
    .map((call) => ({ name: call.name, at: call.at - startedAt, ms: call.ms }));
  await settle(lead);
  return {
    recipients: expected,
    ms,
    itemMs: inHere(timing.itemPaintedAt),
    seenMs: inHere(timing.detailSeenAt),
    mainMs: mainAt - startedAt,
    postMs,
    clock,
    acksSeconds,
    settleSeconds,
    stormCalls,
    calls,
  };
}

/** The calls of the median sample, in ms after the last POST: where the time went. */
function describeSample(sample: Sample): string {
  const calls = [...sample.calls]
    .sort((a, b) => a.at - b.at)
    .map((call) => `+${round(call.at)} ${call.name} ${round(call.ms)} ms`);
  return (
    `POST answered +${round(sample.postMs)}, main announced +${round(sample.mainMs)}; ` +
    `${calls.join('; ') || 'no calls'}; headline in the document +${round(sample.seenMs)}, ` +
    `painted +${round(sample.ms)}, list entry painted +${round(sample.itemMs)} (page clock ` +
    `${round(sample.clock.offset)} ms off this one's, ±${round(sample.clock.rtt / 2)})`
  );
}

/** How often the renderer called what while the first N−1 came in, and the time in main. */
function describeStorm(sample: Sample): string {
  const byName = new Map<string, { n: number; ms: number; max: number }>();
  for (const call of sample.stormCalls) {
    const entry = byName.get(call.name) ?? { n: 0, ms: 0, max: 0 };
    entry.n++;
    entry.ms += call.ms;
    entry.max = Math.max(entry.max, call.ms);
    byName.set(call.name, entry);
  }
  const parts = [...byName]
    .sort((a, b) => b[1].ms - a[1].ms)
    .map(([name, e]) => `${e.n}× ${name} (${round(e.ms / e.n)} ms avg, ${round(e.max)} max)`);
  return (
    `${sample.recipients - 1} acknowledgements in ${sample.acksSeconds.toFixed(1)} s, ` +
    `settled ${sample.settleSeconds.toFixed(1)} s later; renderer meanwhile: ${parts.join(', ')}`
  );
}

const stats = (values: readonly number[]) => ({
  p50: round(median(values)),
  max: round(Math.max(...values)),
});

const medianSample = (samples: readonly Sample[]) =>
  [...samples].sort((a, b) => a.ms - b.ms)[Math.ceil(samples.length / 2) - 1];

/**
 * From the last acknowledgement of a dispatch to 250 recipients until the sender's summary shows
 * it (see the file's comment); baseline: the same for a dispatch to 10.
 */
export async function measureDispatchSummary(
  /** The server, its database (officers, teams), a folder for the console's files. */
  context: { serverUrl: string; databaseUrl: string; dir: string },
): Promise<DispatchResult> {
  const { serverUrl, databaseUrl, dir } = context;
  const db = await openServerDb(databaseUrl);
  let lead: LeadConsole | undefined;
  let browser: Browser | undefined;
  try {
    const teamIds = DEMO_TEAMS.map((team) => team.id);
    console.log(`dispatches of the demo team lead to ${RECIPIENTS} and ${BASELINE_RECIPIENTS}…`);
    const prepared = performance.now();
    const leadId = await userIdOf(db, demoLogin('team_lead').username);
    const inChannels = await channelReach(db, teamIds, leadId);
    // Before the console starts: its first sync brings them (they were written without the
    // server, so no poke announces them), and dispatch.send checks targets against its copy.
    const extra = await addBenchOfficers(db, Math.max(0, RECIPIENTS - inChannels));
    const big: DispatchTargets = { teamIds, conversationIds: [], userIds: extra };
    const small: DispatchTargets = {
      teamIds: [],
      conversationIds: [],
      userIds: await demoOfficerIds(db, BASELINE_RECIPIENTS),
    };
    const tokens = new Map<string, string>();
    lead = await startLeadConsole({
      dbPath: join(dir, 'lead.sqlite'),
      photoDir: join(dir, 'lead-photos'),
      serverUrl,
    });
    const leadConsole = lead;
    await until('the lead console synced', 60_000, async () =>
      (await leadConsole.app.impl['sync.status']({})).state === 'idle' ? true : undefined,
    );
    browser = await launchChromium();
    const { page } = await openLeadPage(browser, leadConsole.host.url);
    await showDispatches(page);
    console.log(
      `  ${inChannels} officers in the four team channels + ${extra.length} added by name; ` +
        `ready in ${((performance.now() - prepared) / 1000).toFixed(1)} s`,
    );

    const samples = { big: [] as Sample[], small: [] as Sample[] };
    for (let pass = 0; pass < ROUNDS; pass++) {
      const order = pass % 2 === 0 ? (['big', 'small'] as const) : (['small', 'big'] as const);
      for (const which of order) {
        const [targets, expected] =
          which === 'big' ? [big, RECIPIENTS] : [small, BASELINE_RECIPIENTS];
        samples[which].push(
          await measureOne(leadConsole, page, db, serverUrl, tokens, targets, expected),
        );
      }
      const b = samples.big.at(-1);
      const s = samples.small.at(-1);
      console.log(
        `  round ${pass + 1}: ${RECIPIENTS} recipients ${round(b?.ms ?? NaN)} ms ` +
          `(main ${round(b?.mainMs ?? NaN)}, POST ${round(b?.postMs ?? NaN)}); ` +
          `${BASELINE_RECIPIENTS} recipients ${round(s?.ms ?? NaN)} ms ` +
          `(main ${round(s?.mainMs ?? NaN)}, POST ${round(s?.postMs ?? NaN)})`,
      );
    }
    return report(samples);
  } finally {
    await browser?.close();
    await lead?.close();
    await db.close();
  }
}

function report(samples: { big: Sample[]; small: Sample[] }): DispatchResult {
  const pick = (list: Sample[], key: 'ms' | 'itemMs' | 'mainMs' | 'postMs') =>
    stats(list.map((sample) => sample[key]));
  const big = {
    ui: pick(samples.big, 'ms'),
    item: pick(samples.big, 'itemMs'),
    main: pick(samples.big, 'mainMs'),
    post: pick(samples.big, 'postMs'),
  };
  const small = {
    ui: pick(samples.small, 'ms'),
    item: pick(samples.small, 'itemMs'),
    main: pick(samples.small, 'mainMs'),
    post: pick(samples.small, 'postMs'),
  };
  const middle = medianSample(samples.big);
  const middleSmall = medianSample(samples.small);
  if (middle) console.log(`  median, ${RECIPIENTS}: ${describeSample(middle)}`);
  if (middleSmall) console.log(`  median, ${BASELINE_RECIPIENTS}: ${describeSample(middleSmall)}`);
  const lastBig = samples.big.at(-1);
  if (lastBig) console.log(`  last ${RECIPIENTS}-recipient dispatch: ${describeStorm(lastBig)}`);
  const n = samples.big.length;
  const note =
    `${RECIPIENTS} recipients, median of ${n}: headline p50 ${big.ui.p50} ms, max ` +
    `${big.ui.max}; list entry p50 ${big.item.p50}; main process announced p50 ` +
    `${big.main.p50}, max ${big.main.max}; last POST p50 ${big.post.p50}. ` +
    `${BASELINE_RECIPIENTS} recipients: headline p50 ${small.ui.p50} ms, max ${small.ui.max}; ` +
    `main p50 ${small.main.p50}; POST p50 ${small.post.p50}`;
  return {
    ms: big.ui.p50,
    baselineMs: small.ui.p50,
    baselineLabel: `${BASELINE_RECIPIENTS}-recipient dispatch ${small.ui.p50} ms`,
    note,
    details: {
      dispatch_recipients: RECIPIENTS,
      dispatch_summary_stat: `median of ${n} dispatches`,
      dispatch_summary_max_ms: big.ui.max,
      dispatch_summary_list_ms: big.item.p50,
      dispatch_summary_main_ms: big.main.p50,
      dispatch_summary_main_max_ms: big.main.max,
      dispatch_summary_post_ms: big.post.p50,
      dispatch_summary_baseline_recipients: BASELINE_RECIPIENTS,
      dispatch_summary_baseline_max_ms: small.ui.max,
      dispatch_summary_baseline_main_ms: small.main.p50,
      dispatch_summary_baseline_post_ms: small.post.p50,
    },
  };
}
