import WebSocket from 'ws';
import { livePokeSchema } from '../../shared/sync/feed';
import type { FieldSession } from './field-client';

const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 15_000;

/**
 * Follows the feed's head through the live channel (`GET /sync/live`, pokes `{kind:'poke',
 * cursor}`). The server opens it to office roles only, so the simulator watches with the intake
 * clerk's login, one socket for the whole run. Officers use the head twice: to start reading
 * their feed where it stands (not from the beginning of history), and to skip a pull when
 * nothing at all has happened since their last one. Pokes are hints; on any trouble the socket
 * reconnects with back-off and officers simply pull as scheduled.
 */
export class LiveWatch {
  /** Highest cursor poked so far; null until the first poke. */
  head: number | null = null;
  connected = false;
  private socket: WebSocket | null = null;
  private closed = false;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly firstPoke: Promise<void>;
  private resolveFirst: () => void = () => undefined;

  constructor(
    private readonly baseUrl: string,
    private readonly session: FieldSession,
  ) {
    this.firstPoke = new Promise((resolve) => {
      this.resolveFirst = resolve;
    });
    void this.connect();
  }

  /** The head as soon as the first poke came, or null after `timeoutMs` without one. */
  async initialHead(timeoutMs: number): Promise<number | null> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.firstPoke,
      new Promise((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    return this.head;
  }

  close(): void {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.socket?.terminate();
    this.socket = null;
    this.connected = false;
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    let token: string;
    try {
      token = await this.session.accessToken();
    } catch {
      this.retry();
      return;
    }
    if (this.closed) return;
    const target = new URL('/sync/live', this.baseUrl);
    target.protocol = target.protocol === 'https:' ? 'wss:' : 'ws:';
    target.searchParams.set('token', token);
    const socket = new WebSocket(target);
    this.socket = socket;
    socket.on('open', () => {
      this.connected = true;
      this.failures = 0;
    });
    socket.on('message', (data: WebSocket.RawData) => {
      let poke;
      try {
        poke = livePokeSchema.safeParse(JSON.parse(data.toString()));
      } catch {
        return;
      }
      if (!poke.success) return;
      this.head = Math.max(this.head ?? 0, poke.data.cursor);
      this.resolveFirst();
    });
    // A refused upgrade (an expired token, say) arrives here; the next connect asks the session
    // for a token again, which refreshes it when it is due.
    socket.on('unexpected-response', (_request, response) => {
      response.resume();
      socket.terminate();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.connected = false;
      if (this.socket === socket) this.socket = null;
      this.retry();
    });
  }

  private retry(): void {
    if (this.closed || this.retryTimer) return;
    this.failures++;
    const wait = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** (this.failures - 1));
    this.retryTimer = setTimeout(
      () => {
        this.retryTimer = null;
        void this.connect();
      },
      wait * (0.5 + Math.random() / 2),
    );
    this.retryTimer.unref();
  }
}
