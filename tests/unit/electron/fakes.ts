import { EventEmitter } from 'node:events';
import { vi } from 'vitest';
import type { WebContents, WebFrameMain } from 'electron';

/** Just enough of WebFrameMain for the sender checks. */
export function fakeFrame(url: string, parent: WebFrameMain | null = null): WebFrameMain {
  return { url, parent } as unknown as WebFrameMain;
}

/** Just enough of WebContents: events, send, a main frame and destruction. */
export class FakeWebContents extends EventEmitter {
  destroyed = false;
  mainFrame: WebFrameMain;
  readonly send = vi.fn();
  readonly setWindowOpenHandler = vi.fn();

  constructor(url = 'app://kvue/index.html') {
    super();
    this.mainFrame = fakeFrame(url);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }

  asWebContents(): WebContents {
    return this as unknown as WebContents;
  }
}

/** An Electron-style event whose default can be prevented. */
export function preventable<T extends object>(details: T) {
  return { ...details, preventDefault: vi.fn() };
}
