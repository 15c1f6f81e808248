import type { Settings } from '../../shared/contract';

/** The part of electron-updater's AppUpdater used here, so tests can stand in for it. */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(): void;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface UpdateOptions {
  /** Asks the clerk whether to restart now for a downloaded update; resolves true for "now". */
  askRestart(version: string): Promise<boolean>;
  intervalMs?: number;
  firstCheckMs?: number;
}

export const UPDATE_INTERVAL_MS = 4 * 60 * 60_000;

/**
 * The update feed the administrator configured, or null: updates are off unless the preset
 * enables them and names an internal https address (the settings schema refuses anything else).
 */
export function updateFeed(
  settings: Pick<Settings, 'updatesEnabled' | 'updateUrl'>,
): { provider: 'generic'; url: string } | null {
  if (!settings.updatesEnabled || !settings.updateUrl) return null;
  return { provider: 'generic', url: settings.updateUrl };
}

/**
 * Looks for updates at start and every few hours; a downloaded update installs when the console
 * quits, or at once if the clerk agrees. Returns a manual check (for the menu) and a stop, or
 * null when updates are off, so nothing is ever fetched then.
 */
export function startUpdates(
  updater: Updater,
  settings: Pick<Settings, 'updatesEnabled' | 'updateUrl'>,
  options: UpdateOptions,
): { check: () => void; stop: () => void } | null {
  const feed = updateFeed(settings);
  if (!feed) return null;
  updater.setFeedURL(feed);
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  updater.on('error', (error) => console.warn(`[updates] ${error.message}`));
  let asked = false;
  updater.on('update-downloaded', (info) => {
    if (asked) return;
    asked = true;
    void options.askRestart(info.version).then((now) => {
      if (now) updater.quitAndInstall();
    });
  });
  const check = () => {
    updater.checkForUpdates().catch((error: unknown) => {
      console.warn(`[updates] check failed: ${(error as Error).message}`);
    });
  };
  const first = setTimeout(check, options.firstCheckMs ?? 30_000);
  const every = setInterval(check, options.intervalMs ?? UPDATE_INTERVAL_MS);
  first.unref?.();
  every.unref?.();
  return {
    check,
    stop: () => {
      clearTimeout(first);
      clearInterval(every);
    },
  };
}
