import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startMainApp, type MainApp } from '../../../src/main/app';
import { startBrowserHost, type BrowserHost } from '../../../src/main/browser-host';
import type { SettingsService } from '../../../src/main/settings/service';

/** Debian's Chromium; Playwright's own browser download is neither possible nor wanted here. */
export const CHROMIUM_PATH = process.env.KVUE_CHROMIUM ?? '/usr/bin/chromium';

/**
 * The built renderer the browser host serves: `out/renderer` (what `npm run test:e2e` builds), or
 * another build named by KVUE_RENDERER_DIR.
 */
export const RENDERER_DIR = resolve(process.env.KVUE_RENDERER_DIR ?? 'out/renderer');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** One clerk's console: its main services (own database), browser host, and browser page. */
export interface Console {
  app: MainApp;
  host: BrowserHost;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function openConsole(
  browser: Browser,
  options: {
    dir: string;
    name: string;
    serverUrl: string;
    /** Signed in at start; without them the console opens on its login screen. */
    credentials?: { username: string; password: string };
    idleLockMinutes?: number;
    viewport?: { width: number; height: number };
    /** The settings service (profile file, preset) the console runs with. */
    settings?: SettingsService;
  },
): Promise<Console> {
  const app = await startMainApp({
    dbPath: join(options.dir, `${options.name}.sqlite`),
    serverUrl: options.serverUrl,
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(options.idleLockMinutes === undefined ? {} : { idleLockMinutes: options.idleLockMinutes }),
    photoDir: join(options.dir, `${options.name}-photos`),
    ...(options.settings ? { settings: options.settings } : {}),
  });
  const host = await startBrowserHost({ app, rendererDir: RENDERER_DIR });
  // A context of its own: AxeBuilder needs one to inject axe into every frame.
  const context = await browser.newContext({
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    viewport: options.viewport ?? { width: 1440, height: 900 },
  });
  const page = await context.newPage();
  await page.goto(host.url);
  if (options.credentials) {
    await page
      .locator('[data-testid="sync-state"][data-state="idle"]')
      .waitFor({ timeout: 30_000 });
    await page.getByTestId('case-row').first().waitFor();
  }
  return {
    app,
    host,
    context,
    page,
    async close() {
      await context.close();
      await host.close();
      await app.close();
    },
  };
}
