import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium; Playwright's own browser download is neither possible nor wanted here. */
export const CHROMIUM_PATH = process.env.KVUE_CHROMIUM ?? '/usr/bin/chromium';

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
