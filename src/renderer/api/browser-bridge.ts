import {
  buildKvueApi,
  type CallName,
  type CallResult,
  type EventName,
  type KvueApi,
  unwrapCallResult,
} from '../../shared/contract';

const TOKEN_KEY = 'kvue.launchToken';

/**
 * The launch token arrives in the URL fragment (never sent to a server, never in a Referer). It is
 * kept for this tab only, so that a reload keeps working, and removed from the address bar.
 */
function takeLaunchToken(location: Location): string {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', location.pathname + location.search);
    return fromHash;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

/**
 * `window.kvue` for the browser host: the same contract as the Electron preload, carried over
 * loopback HTTP (calls) and one WebSocket (events) that reconnects by itself.
 */
export function createBrowserBridge(location: Location): KvueApi {
  const token = takeLaunchToken(location);
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  const invoke = async (name: CallName, input: unknown): Promise<unknown> => {
    const response = await fetch(`/api/call/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(input ?? {}),
    });
    return unwrapCallResult((await response.json()) as CallResult);
  };

  let attempt = 0;
  const connect = () => {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(
      `${scheme}://${location.host}/api/events?token=${encodeURIComponent(token)}`,
    );
    socket.addEventListener('open', () => {
      attempt = 0;
    });
    socket.addEventListener('message', (message: MessageEvent<string>) => {
      const { name, payload } = JSON.parse(message.data) as { name: EventName; payload: unknown };
      for (const listener of listeners.get(name) ?? []) listener(payload);
    });
    socket.addEventListener('close', () => {
      attempt++;
      setTimeout(connect, Math.min(5000, 250 * 2 ** attempt));
    });
  };
  connect();

  const subscribe = (event: EventName, listener: (payload: unknown) => void) => {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  };

  return buildKvueApi(invoke, subscribe);
}
