/**
 * bench:messaging's conversation_open_ms: a long conversation opened in Chromium through the
 * browser host, timed in the page (messaging-page.ts), every contract call of the renderer timed
 * in the main process (messaging-ui.ts) to show where the time went.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../e2e/support/browser';
import { buildConversations, type BuiltConversation } from './messaging-data';
import { timeClickUntilNewest, type OpenTiming } from './messaging-page';
import {
  openRenderer,
  startMessagingConsole,
  waitForMessages,
  type CallTrace,
  type MessagingConsole,
} from './messaging-ui';
import { percentile, round } from './queue-measure';

/** The conversation switched away to between opens. */
const AWAY_MESSAGES = 20;

const wallNow = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values: readonly number[]) => percentile(values, 50);
const fmt = (n: number) => n.toLocaleString('en');

export interface OpenSample {
  timing: OpenTiming;
  /** The renderer's contract calls started by the time the row was painted, and after it. */
  calls: CallTrace[];
  after: CallTrace[];
}

export interface OpenResult {
  big: BuiltConversation;
  small: BuiltConversation;
  fillSeconds: number;
  syncSeconds: number;
  cold: { big: OpenSample[]; small: OpenSample[] };
  warm: { big: OpenSample[]; small: OpenSample[] };
  /** `messages.page` of the newest 50 messages, called in the main process, warm. */
  lastPageMs: { big: number; small: number };
}

const conversationItem = (page: Page, id: string) =>
  page.locator(`[data-testid="conversation-item"][data-conversation-id="${id}"]`);

async function showMessages(page: Page): Promise<void> {
  await page.getByTestId('sync-state').waitFor({ timeout: 60_000 });
  await page.keyboard.press('Alt+N');
  await page.getByTestId('messages-screen').waitFor({ timeout: 30_000 });
}

/** Until the renderer has made no contract call for `quietMs` (marks read, refetches). */
async function settle(running: MessagingConsole, quietMs = 400, maxMs = 10_000): Promise<void> {
  const until = Date.now() + maxMs;
  for (;;) {
    const last = running.calls.at(-1);
    const idle = !last || wallNow() - (last.at + last.ms) >= quietMs;
    if (idle && (await running.app.impl['sync.status']({})).state === 'idle') return;
    if (Date.now() > until) return;
    await sleep(100);
  }
}

async function timeOpen(
  running: MessagingConsole,
  page: Page,
  conversation: BuiltConversation,
): Promise<OpenSample> {
  const before = running.calls.length;
  const timing = await timeClickUntilNewest(
    page,
    conversationItem(page, conversation.id),
    conversation.newest,
  );
  if (timing.count !== conversation.messages) {
    throw new Error(`opened ${timing.count} messages, expected ${conversation.messages}`);
  }
  await settle(running);
  const made = running.calls.slice(before);
  return {
    timing,
    calls: made.filter((call) => call.at <= timing.paintedAt),
    after: made.filter((call) => call.at > timing.paintedAt),
  };
}

async function timeInMain(running: MessagingConsole, conversation: BuiltConversation) {
  const input = {
    conversationId: conversation.id,
    offset: Math.max(0, conversation.messages - 50),
    limit: 50,
  };
  await running.app.impl['messages.page'](input);
  const times: number[] = [];
  for (let i = 0; i < 9; i++) {
    const started = performance.now();
    await running.app.impl['messages.page'](input);
    times.push(performance.now() - started);
  }
  return median(times);
}

/**
 * Fills conversations of `conversation` and `baseline` messages (and a short one to switch away
 * to) on the server, lets a fresh console in this process sync them, and opens each `opens` times
 * cold (first in a freshly loaded page) and as often warm (away and back at once), in Chromium.
 */
export async function measureConversationOpen(options: {
  databaseUrl: string;
  serverUrl: string;
  dir: string;
  clerkId: string;
  conversation: number;
  baseline: number;
  opens: number;
}): Promise<OpenResult> {
  const { databaseUrl, dir, clerkId } = options;
  const twoDaysAgo = Date.now() - 48 * 3600_000;
  console.log(
    `filling conversations of ${fmt(options.conversation)}, ${fmt(options.baseline)} and ` +
      `${AWAY_MESSAGES} messages on the server…`,
  );
  const filled = performance.now();
  // Older than a day: history, which the console neither marks delivered nor notifies.
  const [big, small, away] = await buildConversations(databaseUrl, clerkId, [
    { officerId: 'officer-02', messages: options.conversation, newestAt: new Date(twoDaysAgo) },
    {
      officerId: 'officer-03',
      messages: options.baseline,
      newestAt: new Date(twoDaysAgo - 3600_000),
    },
    { officerId: 'officer-04', messages: AWAY_MESSAGES, newestAt: new Date(twoDaysAgo - 7200_000) },
  ]);
  if (!big || !small || !away) throw new Error('conversations not built');
  const fillSeconds = (performance.now() - filled) / 1000;
  console.log(`  filled in ${fillSeconds.toFixed(1)} s`);

  console.log('a fresh console syncs them…');
  const synced = performance.now();
  const running = await startMessagingConsole({
    dbPath: join(dir, 'open.sqlite'),
    photoDir: join(dir, 'open-photos'),
    serverUrl: options.serverUrl,
  });
  let browser: Browser | undefined;
  try {
    await waitForMessages(running.app, [big, small, away]);
    const syncSeconds = (performance.now() - synced) / 1000;
    console.log(`  synced in ${syncSeconds.toFixed(1)} s`);
    const lastPageMs = {
      big: await timeInMain(running, big),
      small: await timeInMain(running, small),
    };

    browser = await launchChromium();
    const { page } = await openRenderer(browser, running.host.url);
    const cold = { big: [] as OpenSample[], small: [] as OpenSample[] };
    const warm = { big: [] as OpenSample[], small: [] as OpenSample[] };
    for (let pass = 0; pass < options.opens; pass++) {
      if (pass > 0) await page.reload({ waitUntil: 'domcontentloaded' });
      await showMessages(page);
      await settle(running);
      // Alternate which is opened first in a page, so neither always finds the page fresher.
      const order = pass % 2 === 0 ? (['big', 'small'] as const) : (['small', 'big'] as const);
      for (const which of order) {
        const target = which === 'big' ? big : small;
        await timeOpen(running, page, away);
        cold[which].push(await timeOpen(running, page, target));
        await timeOpen(running, page, away);
        warm[which].push(await timeOpen(running, page, target));
      }
      const last = (list: OpenSample[]) => round(list.at(-1)?.timing.ms ?? NaN);
      console.log(
        `  round ${pass + 1}: ${fmt(options.conversation)} messages cold ${last(cold.big)} ms, ` +
          `warm ${last(warm.big)} ms; ${options.baseline} messages cold ${last(cold.small)} ms, ` +
          `warm ${last(warm.small)} ms`,
      );
    }
    return { big, small, fillSeconds, syncSeconds, cold, warm, lastPageMs };
  } finally {
    await browser?.close();
    await running.close();
  }
}

/** The main-process calls of an open, in ms after the click: where the time went. */
export function describeCalls(sample: OpenSample): string {
  const { clickAt, paintedAt } = sample.timing;
  const calls = [...sample.calls].sort((a, b) => a.at - b.at);
  const parts = calls.map((call) => {
    const input = call.input as { offset?: number; limit?: number };
    const args = call.name === 'messages.page' ? `(${input.offset}+${input.limit})` : '';
    return `+${round(call.at - clickAt)} ${call.name}${args} ${round(call.ms)} ms`;
  });
  const { inDomAt, visibleAt } = sample.timing;
  const after = new Map<string, number>();
  for (const call of sample.after) after.set(call.name, (after.get(call.name) ?? 0) + 1);
  const last = sample.after.at(-1);
  const then = last
    ? `; then, until +${round(last.at + last.ms - clickAt)}: ` +
      [...after].map(([name, n]) => `${n}× ${name}`).join(', ')
    : '';
  return (
    `${parts.join('; ') || 'no calls'}; newest row in the document +${round(inDomAt - clickAt)}, ` +
    `in view +${round(visibleAt - clickAt)}, painted +${round(paintedAt - clickAt)}${then}`
  );
}

/** The sample whose time is the median of `samples`. */
export function medianSample(samples: readonly OpenSample[]): OpenSample | undefined {
  const sorted = [...samples].sort((a, b) => a.timing.ms - b.timing.ms);
  return sorted[Math.ceil(sorted.length / 2) - 1];
}
