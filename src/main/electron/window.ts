import { BrowserWindow, type WebContents } from 'electron';

/**
 * The windows this app created. IPC trusts only their main frames and sends events only to
 * them, so a webview, a devtools page or anything else that gets a WebContents is never served.
 */
export class AppWindows {
  private readonly open = new Map<WebContents, BrowserWindow>();

  add(window: BrowserWindow): void {
    const contents = window.webContents;
    this.open.set(contents, window);
    contents.once('destroyed', () => this.open.delete(contents));
  }

  has(contents: WebContents): boolean {
    return this.open.has(contents);
  }

  contents(): WebContents[] {
    return [...this.open.keys()].filter((contents) => !contents.isDestroyed());
  }

  browserWindows(): BrowserWindow[] {
    return [...this.open.values()].filter((window) => !window.isDestroyed());
  }
}

export interface MainWindowOptions {
  /** The bundled preload (out/preload/index.cjs). */
  preloadPath: string;
  /** The renderer's entry: app://kvue/index.html, or the dev server in development. */
  entryUrl: string;
  windows: AppWindows;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: 'KVÜ Innendienst',
    width: 1400,
    height: 900,
    // Below this the queue's columns and the case detail no longer fit side by side.
    minWidth: 1024,
    minHeight: 640,
    // Shown once the first paint is ready, so the clerk never sees a blank white window.
    show: false,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      // A middle click on a link would ask for a new window; none is wanted, so none is asked.
      disableBlinkFeatures: 'Auxclick',
      preload: options.preloadPath,
    },
  });
  options.windows.add(window);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.entryUrl).catch((error: unknown) => {
    console.error(`[window] could not load ${options.entryUrl}`, error);
  });
  return window;
}
