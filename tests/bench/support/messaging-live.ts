/**
 * bench:messaging's first figures: officer-to-console message latency, with the console in a
 * process of its own (messaging-console.ts) and the POSTs' own round trips as the baseline.
 */
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { demoLogin } from '../../../src/server/store/seed';
import type { FromMessagingConsole, ToMessagingConsole } from './messaging-console';

/** Messages posted (and awaited one by one) before the measured ones. */
export const WARMUP_MESSAGES = 10;
const CONSOLE = fileURLToPath(new URL('./messaging-console.ts', import.meta.url));

const wallNow = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Logs a demo user in (password `demo`); their access token and user id. */
export async function loginAs(
  url: string,
  username: string,
): Promise<{ token: string; id: string }> {
  const response = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo' }),
  });
  if (response.status !== 200) throw new Error(`login ${username} answered ${response.status}`);
  const body = (await response.json()) as { accessToken: string; user: { id: string } };
  return { token: body.accessToken, id: body.user.id };
}

/** Pushes one mutation through the field API (`POST /sync/mutations`); it must be applied. */
export async function push(url: string, token: string, mutation: Record<string, unknown>) {
  const response = await fetch(`${url}/sync/mutations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ mutations: [mutation] }),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`POST /sync/mutations: ${response.status} ${text}`);
  const status = (JSON.parse(text) as { results: { status: string }[] }).results[0]?.status;
  if (status !== 'applied') throw new Error(`${String(mutation['kind'])} not applied: ${text}`);
}

/** The clerk's console in a process of its own (support/messaging-console.ts). */
function forkConsole(dbPath: string, serverUrl: string) {
  const child = fork(CONSOLE, [dbPath, serverUrl], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const arrived = new Map<string, number>();
  const syncErrors: string[] = [];
  const wakers = new Set<() => void>();
  const exited = once(child, 'exit');
  const ready = new Promise<void>((resolve, reject) => {
    child.on('message', (message: FromMessagingConsole) => {
      if (message.type === 'ready') resolve();
      else if (message.type === 'stats') syncErrors.push(...message.syncErrors);
      else {
        arrived.set(message.id, message.ms);
        for (const wake of wakers) wake();
      }
    });
    child.once('exit', (code) => reject(new Error(`console exited with code ${code}`)));
  });
  const send = (message: ToMessagingConsole) => child.send(message);
  return {
    ready,
    arrived,
    /** The console's failed pulls, known once it has stopped. */
    syncErrors,
    expect: (id: string, startedAt: number) => send({ type: 'expect', id, startedAt }),
    /** Resolves once every one of `ids` has arrived; rejects after `timeoutMs`. */
    allOf(ids: readonly string[], timeoutMs: number) {
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          wakers.delete(check);
          const missing = ids.filter((id) => !arrived.has(id)).length;
          reject(new Error(`${missing} messages not in the console after ${timeoutMs} ms`));
        }, timeoutMs);
        const check = () => {
          if (!ids.every((id) => arrived.has(id))) return;
          wakers.delete(check);
          clearTimeout(timer);
          resolve();
        };
        wakers.add(check);
        check();
      });
    },
    async stop() {
      if (child.exitCode !== null) return;
      send({ type: 'stop' });
      await exited;
    },
  };
}

export interface LatencyResult {
  latencies: number[];
  roundTrips: number[];
  warmup: number[];
  seconds: number;
  /** Failed pulls of the console during the run, by error text. */
  syncErrors: Map<string, number>;
}

/**
 * An officer (officer.huber, through the field API) opens a direct conversation with the demo
 * clerk and posts `messages` messages at a steady pace, after `WARMUP_MESSAGES` not counted; each
 * is timed from just before its POST until the clerk's console, in a process of its own with a
 * fresh database at `dbPath`, has it in its database and has told the renderer.
 */
export async function measureMessageLatency(options: {
  serverUrl: string;
  dbPath: string;
  messages: number;
  pace: number;
}): Promise<LatencyResult> {
  const { serverUrl } = options;
  const console_ = forkConsole(options.dbPath, serverUrl);
  try {
    await console_.ready;
    const officer = await loginAs(serverUrl, 'officer.huber');
    const clerk = await loginAs(serverUrl, demoLogin('clerk').username);
    const conversationId = randomUUID();
    await push(serverUrl, officer.token, {
      id: randomUUID(),
      kind: 'conversation',
      conversationId,
      type: 'direct',
      memberIds: [clerk.id],
    });
    const post = async (n: number, ids: string[]) => {
      const id = randomUUID();
      ids.push(id);
      const startedAt = wallNow();
      console_.expect(id, startedAt);
      await push(serverUrl, officer.token, {
        id,
        kind: 'message',
        conversationId,
        body: `Meldung ${n}: Lieferzone Leopoldstraße 40 wieder zugeparkt, Foto folgt.`,
      });
      return wallNow() - startedAt;
    };

    // Warm-up: the first messages (and the conversation) bring JIT and caches up to speed.
    const warmIds: string[] = [];
    for (let i = 0; i < WARMUP_MESSAGES; i++) {
      await post(-i - 1, warmIds);
      await console_.allOf(warmIds, 30_000);
    }

    // A steady pace: message i is posted at start + i·pace, or when the one before it has
    // been answered, whichever is later (one after another: never two POSTs in flight).
    const ids: string[] = [];
    const roundTrips: number[] = [];
    const started = performance.now();
    for (let i = 0; i < options.messages; i++) {
      const wait = started + i * options.pace - performance.now();
      if (wait > 0) await sleep(wait);
      roundTrips.push(await post(i + 1, ids));
    }
    await console_.allOf(ids, 60_000);
    const seconds = (performance.now() - started) / 1000;
    await console_.stop();
    const syncErrors = new Map<string, number>();
    for (const error of console_.syncErrors) {
      syncErrors.set(error, (syncErrors.get(error) ?? 0) + 1);
    }
    return {
      latencies: ids.map((id) => console_.arrived.get(id) ?? NaN),
      roundTrips,
      warmup: warmIds.map((id) => console_.arrived.get(id) ?? NaN),
      seconds,
      syncErrors,
    };
  } finally {
    await console_.stop();
  }
}
