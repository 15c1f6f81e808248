import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ContractImpl } from '../../../src/shared/contract';
import { startMainApp, type MainApp } from '../../../src/main/app';
import { startBrowserHost, type BrowserHost } from '../../../src/main/browser-host';
import { demoLogin } from '../../../src/server';
import { RENDERER_DIR } from '../../e2e/support/browser';
import { OPEN_SCRIPT } from './messaging-page';

/** One contract call as the main process ran it. */
export interface CallTrace {
  name: string;
  input: unknown;
  /** Wall-clock ms (epoch, fractional) when the implementation was called. */
  at: number;
  ms: number;
}

export const wallNow = () => performance.timeOrigin + performance.now();

/** The same app, its every contract call timed into `calls` (the browser host serves this one). */
export function traced(app: MainApp, calls: CallTrace[]): MainApp {
  const entries = Object.entries(app.impl) as [string, (input: unknown) => Promise<unknown>][];
  const impl = Object.fromEntries(
    entries.map(([name, run]) => [
      name,
      async (input: unknown) => {
        const at = wallNow();
        try {
          return await run(input);
        } finally {
          calls.push({ name, input, at, ms: wallNow() - at });
        }
      },
    ]),
  ) as unknown as ContractImpl;
  return { ...app, impl };
}

export interface MessagingConsole {
  /** The main services, untraced: the bench's own calls are not the renderer's. */
  app: MainApp;
  /** Every contract call the renderer made, in the order they finished. */
  calls: CallTrace[];
  host: BrowserHost;
  close(): Promise<void>;
}

/** A clerk's console (main services and browser host) in this process, syncing from `serverUrl`. */
export async function startMessagingConsole(options: {
  dbPath: string;
  photoDir: string;
  serverUrl: string;
}): Promise<MessagingConsole> {
  const app = await startMainApp({
    dbPath: options.dbPath,
    serverUrl: options.serverUrl,
    credentials: demoLogin('clerk'),
    photoDir: options.photoDir,
  });
  const calls: CallTrace[] = [];
  const host = await startBrowserHost({ app: traced(app, calls), rendererDir: RENDERER_DIR });
  return {
    app,
    calls,
    host,
    async close() {
      await host.close();
      await app.close();
    },
  };
}

/**
 * The renderer in a fresh browser context, with a page-side timing script installed (by default
 * the conversation-open one).
 */
export async function openRenderer(
  browser: Browser,
  url: string,
  script = OPEN_SCRIPT,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    viewport: { width: 1440, height: 900 },
  });
  await context.addInitScript({ content: script });
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  return { context, page };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until the console holds `expected` messages of each conversation and its sync is idle;
 * reports progress every few seconds.
 */
export async function waitForMessages(
  app: MainApp,
  expected: readonly { id: string; messages: number }[],
  timeoutMs = 300_000,
): Promise<void> {
  const started = Date.now();
  let reported = started;
  for (;;) {
    const status = await app.impl['sync.status']({});
    let missing = 0;
    for (const { id, messages } of expected) {
      const total = await app.impl['messages.page']({
        conversationId: id,
        offset: 0,
        limit: 1,
      }).then(
        (page) => page.total,
        () => 0,
      );
      missing += Math.max(0, messages - total);
    }
    if (missing === 0 && status.state === 'idle') return;
    const now = Date.now();
    if (now - started > timeoutMs) {
      throw new Error(`console still misses ${missing} messages after ${timeoutMs} ms`);
    }
    if (now - reported >= 5000) {
      reported = now;
      console.log(`  …syncing (${status.state}), ${missing.toLocaleString('en')} messages to go`);
    }
    await sleep(250);
  }
}
