import type { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import { FakeWebContents } from './fakes';

const created = vi.hoisted(() => [] as unknown[]);

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const { FakeWebContents: Contents } = await import('./fakes');
  class BrowserWindow extends Emitter {
    readonly webContents = new Contents();
    readonly show = vi.fn();
    readonly loadURL = vi.fn(async () => undefined);
    constructor(readonly options: BrowserWindowConstructorOptions) {
      super();
      created.push(this);
    }
    isDestroyed() {
      return this.webContents.isDestroyed();
    }
  }
  return { BrowserWindow };
});

const { AppWindows, createMainWindow } = await import('../../../src/main/electron/window');

interface CreatedWindow extends EventEmitter {
  options: BrowserWindowConstructorOptions;
  webContents: FakeWebContents;
  show: ReturnType<typeof vi.fn>;
  loadURL: ReturnType<typeof vi.fn>;
}

function open(entryUrl = 'app://kvue/index.html') {
  const windows = new AppWindows();
  createMainWindow({ preloadPath: '/app/out/preload/index.cjs', entryUrl, windows });
  const window = created.at(-1) as CreatedWindow;
  return { window, windows };
}

describe('createMainWindow', () => {
  beforeEach(() => {
    created.length = 0;
  });

  it('isolates and sandboxes the renderer', () => {
    const { window } = open();
    const prefs = window.options.webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      // No middle-click route to a new window (Electronegativity's AUXCLICK check).
      disableBlinkFeatures: 'Auxclick',
      preload: '/app/out/preload/index.cjs',
    });
  });

  it('has the console title and size, and stays hidden until ready to show', () => {
    const { window } = open();
    expect(window.options).toMatchObject({
      title: 'KVÜ Innendienst',
      width: 1400,
      height: 900,
      show: false,
    });
    expect(window.options.minWidth).toBeGreaterThan(0);
    expect(window.options.minHeight).toBeGreaterThan(0);
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalledTimes(1);
  });

  it('loads the entry URL it is given', () => {
    expect(open().window.loadURL).toHaveBeenCalledWith('app://kvue/index.html');
    expect(open('http://localhost:5173/').window.loadURL).toHaveBeenCalledWith(
      'http://localhost:5173/',
    );
  });

  it('tracks its windows until their contents are destroyed', () => {
    const { window, windows } = open();
    const contents = window.webContents.asWebContents();
    expect(windows.has(contents)).toBe(true);
    expect(windows.contents()).toEqual([contents]);
    expect(windows.browserWindows()).toHaveLength(1);
    expect(windows.has(new FakeWebContents().asWebContents())).toBe(false);
    window.webContents.destroy();
    expect(windows.has(contents)).toBe(false);
    expect(windows.contents()).toEqual([]);
    expect(windows.browserWindows()).toEqual([]);
  });
});
