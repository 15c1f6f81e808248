import type { KvueApi } from '../../shared/contract';
import { createBrowserBridge } from './browser-bridge';

declare global {
  interface Window {
    /** Set by the Electron preload; absent when the renderer runs through the browser host. */
    kvue?: KvueApi;
  }
}

/** The one handle on main. In Electron the preload provides it; in a browser, the bridge does. */
export const kvue: KvueApi = window.kvue ?? createBrowserBridge(window.location);
