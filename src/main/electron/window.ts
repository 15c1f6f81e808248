import { BrowserWindow, type WebContents } from 'electron';
import type { Rect, WindowState } from '../window-state';

export const WINDOW_LIMITS = {
  defaultWidth: 1400,
  defaultHeight: 900,
  // Below this the queue's columns and the case detail no longer fit side by side.
  minWidth: 1024,
  minHeight: 640,
};
// Moving a window fires dozens of events a second; the last position is what counts.
const SAVE_DELAY_MS = 500;

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
  /** Where the window was last time (see placeWindow); absent: the default size, centred. */
  placement?: { bounds: Rect; maximized: boolean };
  /** Called after the clerk moved, resized, maximised or closed the window. */
  onStateChange?: (state: WindowState) => void;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: 'KVÜ Innendienst',
    width: WINDOW_LIMITS.defaultWidth,
    height: WINDOW_LIMITS.defaultHeight,
    ...options.placement?.bounds,
    minWidth: WINDOW_LIMITS.minWidth,
    minHeight: WINDOW_LIMITS.minHeight,
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
  window.once('ready-to-show', () => {
    if (options.placement?.maximized) window.maximize();
    window.show();
  });
  if (options.onStateChange) rememberState(window, options.onStateChange);
  // A crashed page shows the clerk a blank window; the log must say why for support.
  window.webContents.on('render-process-gone', (_event, details) => {
    console.error(`[window] renderer gone: ${details.reason} (exit code ${details.exitCode})`);
  });
  void window.loadURL(options.entryUrl).catch((error: unknown) => {
    console.error(`[window] could not load ${options.entryUrl}`, error);
  });
  return window;
}

/** Reports the window's normal bounds (not the maximised ones) and whether it is maximised. */
function rememberState(window: BrowserWindow, report: (state: WindowState) => void): void {
  let timer: NodeJS.Timeout | undefined;
  const capture = () => {
    if (window.isDestroyed() || window.isMinimized() || window.isFullScreen()) return;
    const bounds = window.getNormalBounds();
    report({ ...bounds, maximized: window.isMaximized() });
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(capture, SAVE_DELAY_MS);
  };
  window.on('resize', later);
  window.on('move', later);
  window.on('maximize', later);
  window.on('unmaximize', later);
  window.on('close', () => {
    clearTimeout(timer);
    capture();
  });
}
