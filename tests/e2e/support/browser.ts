import { resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

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
