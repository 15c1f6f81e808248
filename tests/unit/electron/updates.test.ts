import { afterEach, describe, expect, it, vi } from 'vitest';
import { startUpdates, updateFeed, type Updater } from '../../../src/main/electron/updates';

function fakeUpdater() {
  const listeners = new Map<string, (arg: never) => void>();
  const updater = {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    setFeedURL: vi.fn(),
    checkForUpdates: vi.fn(async () => null),
    quitAndInstall: vi.fn(),
    on: vi.fn((event: string, listener: (arg: never) => void) => listeners.set(event, listener)),
  };
  return { updater: updater as Updater & typeof updater, listeners };
}

afterEach(() => vi.useRealTimers());

describe('updates', () => {
  it('are off unless the administrator enables them with an address', () => {
    expect(
      updateFeed({ updatesEnabled: false, updateUrl: 'https://updates.stadt.example' }),
    ).toBeNull();
    expect(updateFeed({ updatesEnabled: true, updateUrl: null })).toBeNull();
    const { updater } = fakeUpdater();
    expect(
      startUpdates(updater, { updatesEnabled: false, updateUrl: null }, { askRestart: vi.fn() }),
    ).toBeNull();
    expect(updater.setFeedURL).not.toHaveBeenCalled();
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
  });

  it('check the internal address at start and every few hours, and install on quit', async () => {
    vi.useFakeTimers();
    const { updater, listeners } = fakeUpdater();
    const askRestart = vi.fn(async () => true);
    const updates = startUpdates(
      updater,
      { updatesEnabled: true, updateUrl: 'https://updates.stadt.example/kvue' },
      { askRestart, firstCheckMs: 1000, intervalMs: 60_000 },
    );
    expect(updater.setFeedURL).toHaveBeenCalledWith({
      provider: 'generic',
      url: 'https://updates.stadt.example/kvue',
    });
    expect(updater.autoInstallOnAppQuit).toBe(true);
    vi.advanceTimersByTime(1000);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(120_000);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(3);

    listeners.get('update-downloaded')?.({ version: '1.3.0' } as never);
    listeners.get('update-downloaded')?.({ version: '1.3.0' } as never);
    await vi.waitFor(() => expect(updater.quitAndInstall).toHaveBeenCalledTimes(1));
    expect(askRestart).toHaveBeenCalledTimes(1);
    updates?.stop();
    vi.advanceTimersByTime(600_000);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(3);
  });
});
