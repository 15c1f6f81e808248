import { buildKvueApi, reviveContractError, type KvueApi } from '../../shared/contract';
import { createBrowserBridge } from './browser-bridge';

declare global {
  interface Window {
    /** Set by the Electron preload; absent when the renderer runs through the browser host. */
    kvue?: KvueApi;
  }
}

type RawCall = (input: unknown) => Promise<unknown>;

/** Wraps the preload's API so that failures arrive as `ContractError`s with their codes. */
function withRevivedErrors(bridge: KvueApi): KvueApi {
  const areas = bridge as unknown as Record<string, Record<string, RawCall>>;
  return buildKvueApi(
    (name, input) => {
      const [area = '', verb = ''] = name.split('.');
      const call = areas[area]?.[verb];
      if (!call) return Promise.reject(new Error(`window.kvue lacks ${name}`));
      return call(input).catch(reviveContractError);
    },
    (event, listener) => bridge.on(event, listener),
  );
}

/** The one handle on main. In Electron the preload provides it; in a browser, the bridge does. */
export const kvue: KvueApi = window.kvue
  ? withRevivedErrors(window.kvue)
  : createBrowserBridge(window.location);
