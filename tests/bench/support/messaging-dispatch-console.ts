/**
 * The team lead's console for bench:messaging's dispatch_summary_ms: the main services (no
 * Electron) and the browser host in this process, every contract call of the renderer timed, and
 * a watch on the main process's own moment: the `data.changed` event after which its database
 * holds a given acknowledgement.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startMainApp, type MainApp } from '../../../src/main/app';
import { startBrowserHost, type BrowserHost } from '../../../src/main/browser-host';
import { openDatabase } from '../../../src/main/db/connection';
import { demoLogin } from '../../../src/server/store/seed';
import { RENDERER_DIR } from '../../e2e/support/browser';
import { DISPATCH_SCRIPT } from './messaging-dispatch-page';
import { type CallTrace, openRenderer, traced, wallNow } from './messaging-ui';

/** One contract call as the main process ran it. */
export type LeadCall = CallTrace;

export interface LeadConsole {
  /** The main services, untraced: the bench's own calls are not the renderer's. */
  app: MainApp;
  /** Every contract call the renderer made, in the order they finished. */
  calls: LeadCall[];
  host: BrowserHost;
  /** Resolves with the wall-clock moment of the `data.changed` (messages) after which the
   * console's database has `userId`'s acknowledgement of `messageId`. */
  watchAck(messageId: string, userId: string): Promise<number>;
  /** `data.changed` events naming messages so far, with their wall-clock moments. */
  changes: number[];
  close(): Promise<void>;
}

/** The demo team lead's console, syncing from `serverUrl` into a fresh database at `dbPath`. */
export async function startLeadConsole(options: {
  dbPath: string;
  photoDir: string;
  serverUrl: string;
}): Promise<LeadConsole> {
  const app = await startMainApp({
    dbPath: options.dbPath,
    serverUrl: options.serverUrl,
    credentials: demoLogin('team_lead'),
    photoDir: options.photoDir,
  });
  const calls: LeadCall[] = [];
  const host = await startBrowserHost({ app: traced(app, calls), rendererDir: RENDERER_DIR });
  // A second look at the database, as the renderer's calls would see it.
  const reader = openDatabase(options.dbPath);
  const acked = reader.prepare(
    `SELECT 1 FROM receipts WHERE message_id = ? AND user_id = ? AND acknowledged_at IS NOT NULL`,
  );
  const changes: number[] = [];
  const watches = new Set<{ messageId: string; userId: string; resolve: (at: number) => void }>();
  const stop = app.onEvent((name, payload) => {
    if (name !== 'data.changed') return;
    if (!(payload as { entities: string[] }).entities.includes('messages')) return;
    const at = wallNow();
    changes.push(at);
    for (const watch of watches) {
      if (!acked.get(watch.messageId, watch.userId)) continue;
      watches.delete(watch);
      watch.resolve(at);
    }
  });
  return {
    app,
    calls,
    host,
    changes,
    watchAck: (messageId, userId) =>
      new Promise<number>((resolve) => watches.add({ messageId, userId, resolve })),
    async close() {
      stop();
      reader.close();
      await host.close();
      await app.close();
    },
  };
}

/** The team lead's renderer, with the dispatch timing installed in the page. */
export function openLeadPage(
  browser: Browser,
  url: string,
): Promise<{ context: BrowserContext; page: Page }> {
  return openRenderer(browser, url, DISPATCH_SCRIPT);
}
