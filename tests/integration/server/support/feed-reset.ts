import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { FieldSession, Gate, type HttpOptions } from '../../../../src/server/sim/field-client';
import { Inbox } from '../../../../src/server/sim/inbox';
import { CaseBook } from '../../../../src/server/sim/patrol';
import { Scheduler, SimClock } from '../../../../src/server/sim/schedule';
import { SimStats } from '../../../../src/server/sim/stats';
import { createPrng } from '../../../../src/server/store/seed-data/prng';
import { caseRecordSchema } from '../../../../src/shared/domain/case';
import { livePokeSchema, type FeedChange } from '../../../../src/shared/sync/feed';
import { newCase, postCase } from './client';
import { rowKey } from './feed-entities';
import { newDispute, postDispute, pushOne } from './mutations';

/**
 * What a reader holds after applying `changes` in order: each row's latest record, deleted rows
 * gone. Serialised, so two states compare with `toEqual`.
 */
export function foldFeed(changes: readonly FeedChange[]): Map<string, string> {
  const state = new Map<string, string>();
  for (const change of changes) {
    if (change.op === 'delete') state.delete(rowKey(change));
    else state.set(rowKey(change), JSON.stringify(change.data));
  }
  return state;
}

/**
 * A disputed case claimed and released by `clerk`: the release leaves a claim tombstone (a
 * delete line) in the feed. Returns the case's id.
 */
export async function caseWithTombstone(
  url: string,
  officer: string,
  clerk: string,
): Promise<string> {
  const created = caseRecordSchema.parse(await (await postCase(url, officer, newCase())).json());
  const dispute = await postDispute(url, clerk, newDispute(created.id));
  if (dispute.status !== 201) throw new Error(`dispute answered ${dispute.status}`);
  for (const kind of ['claim', 'release']) {
    const result = await pushOne(url, clerk, { id: randomUUID(), kind, caseId: created.id });
    if (result.status !== 'applied') throw new Error(`${kind} was ${result.status}`);
  }
  return created.id;
}

/** The live channel's pokes as they arrive. */
export class PokeLog {
  readonly cursors: number[] = [];
  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.cursors.push(livePokeSchema.parse(JSON.parse(String(data))).cursor);
    });
  }

  static async open(url: string, token: string): Promise<PokeLog> {
    const target = new URL('/sync/live', url);
    target.protocol = 'ws:';
    target.searchParams.set('token', token);
    const socket = new WebSocket(target.href);
    const log = new PokeLog(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return log;
  }

  /** Resolves once a poke above `cursor` came. */
  async above(cursor: number, timeoutMs = 5000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.cursors.find((poked) => poked > cursor);
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`no poke above ${cursor}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  close(): void {
    this.socket.terminate();
  }
}

const ADMIN_CLI = fileURLToPath(
  new URL('../../../../src/server/feed/admin-cli.ts', import.meta.url),
);

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run feed:admin -- …` as the script does (tsx), with `env` added. */
export function runFeedAdmin(
  args: readonly string[],
  env: Record<string, string>,
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ADMIN_CLI, ...args], {
      env: { ...process.env, DATABASE_URL: '', KVUE_DATA_DIR: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A simulated officer's phone reading the feed, and the feed requests it made. */
export function simulatedInbox(url: string, username: string) {
  const requests: { cursor: string | null; epoch: string | null; status: number }[] = [];
  const controller = new AbortController();
  const stats = new SimStats();
  const http: HttpOptions = {
    baseUrl: url,
    async fetch(input, init) {
      const response = await fetch(input, init);
      const target = new URL(String(input));
      if (target.pathname === '/sync/feed') {
        const { searchParams } = target;
        const [cursor, epoch] = [searchParams.get('cursor'), searchParams.get('epoch')];
        requests.push({ cursor, epoch, status: response.status });
      }
      return response;
    },
    signal: controller.signal,
    stats,
    timeoutMs: 10_000,
    maxAttempts: 2,
    backoffBaseMs: 10,
    backoffMaxMs: 50,
    loginGate: new Gate(1),
  };
  const clock = new SimClock(1, 3_600_000);
  const scheduler = new Scheduler(clock, { concurrency: 2, onError: () => undefined });
  const inbox = new Inbox({
    officerId: 'unused-until-messages',
    rng: createPrng(1),
    session: new FieldSession(http, username, 'demo'),
    clock,
    scheduler,
    stats,
    book: new CaseBook(),
    live: null,
    statementPhotoShare: 0,
  });
  return {
    inbox,
    requests,
    stop() {
      scheduler.stop();
      controller.abort();
    },
  };
}
