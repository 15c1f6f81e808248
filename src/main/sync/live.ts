import WebSocket from 'ws';
import { livePokeSchema } from '../../shared/sync/feed';

export interface LiveHandlers {
  onOpen(): void;
  onPoke(cursor: number): void;
  /** `unauthorized` when the server refused the token, so the engine logs in again. */
  onClose(reason: string, unauthorized: boolean): void;
}

/**
 * One connection to the server's live channel. Pokes are only hints that the feed moved; the
 * engine always pulls the feed itself, so a lost or malformed poke costs latency, never data.
 */
export function connectLive(serverUrl: string, token: string, handlers: LiveHandlers): () => void {
  const url = new URL('/sync/live', serverUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('token', token);
  const socket = new WebSocket(url.href, { handshakeTimeout: 5000 });
  let closed = false;
  const close = (reason: string, unauthorized = false) => {
    if (closed) return;
    closed = true;
    handlers.onClose(reason, unauthorized);
  };
  socket.on('open', () => handlers.onOpen());
  socket.on('message', (data) => {
    try {
      const poke = livePokeSchema.safeParse(JSON.parse(String(data)));
      if (poke.success) handlers.onPoke(poke.data.cursor);
    } catch {
      // Not JSON: ignore it, the feed stays the truth.
    }
  });
  socket.on('unexpected-response', (_request, response) => {
    close(`live channel refused (${response.statusCode})`, response.statusCode === 401);
    socket.terminate();
  });
  socket.on('close', (code) => close(`live channel closed (${code})`));
  socket.on('error', (error) => close(`live channel failed: ${error.message}`));
  return () => {
    closed = true;
    socket.removeAllListeners();
    socket.on('error', () => undefined);
    socket.terminate();
  };
}
