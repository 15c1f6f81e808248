import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { calls, type CallInput, type DataChanged } from '../../../src/shared/contract';
import type { CaseRecord } from '../../../src/shared/domain/case';
import type { User } from '../../../src/shared/domain/user';
import type {
  Mutation,
  MutationBatchResponse,
  MutationResult,
} from '../../../src/shared/sync/mutations';
import { caseToRow } from '../../../src/main/cases/rows';
import { openDatabase, type Db } from '../../../src/main/db/connection';
import { BatchRefusedError } from '../../../src/main/outbox/push-client';
import { OutboxService, type OutboxSession } from '../../../src/main/outbox/service';
import type { WorkCallName, WorkImpl } from '../../../src/main/outbox/work';
import { OfflineError } from '../../../src/main/sync/feed-client';
import { makeCase } from '../../support/cases';

export const CLERK: User = {
  id: 'demo-clerk',
  username: 'demo.clerk',
  displayName: 'Sachbearbeitung (Demo)',
  role: 'clerk',
};

/** A session that is logged in and never talks to a server (the push goes to a fake). */
export function fakeSession(user: User | null = CLERK): OutboxSession {
  return {
    serverUrl: 'http://127.0.0.1:9',
    signal: new AbortController().signal,
    user,
    // The login name stays when the server's answer is not there yet (offline work).
    username: user?.username ?? 'demo.clerk',
    accessToken: async () => 'token',
    authorized: (fn) => fn('token'),
  };
}

type Answer = (m: Mutation) => Omit<MutationResult, 'id'> | 'server-error';

/**
 * A stand-in for `POST /sync/mutations` that behaves like the server where it matters: each id
 * is applied at most once (a repeat answers `repeated`), rejections are remembered, conflicts are
 * not. `answer` decides each fresh mutation; `failures` makes the next pushes fail.
 */
export class FakeServer {
  readonly batches: Mutation[][] = [];
  /** Every mutation id the server applied, once each. */
  readonly applied: string[] = [];
  private readonly log = new Map<string, MutationResult>();
  inFlight = 0;
  maxInFlight = 0;
  /** `offline`: unreachable; `lose`: applied, but the answer never arrives. */
  failures: ('offline' | 'lose')[] = [];
  answer: Answer = (m) => ({
    status: 'applied',
    repeated: false,
    record: { entity: m.kind === 'release' ? 'claim' : m.kind, data: { id: m.id } },
  });
  /** Set to hold every push until `release()` is called. */
  gate: Promise<void> | null = null;
  private open: (() => void) | null = null;

  hold(): void {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }
  release(): void {
    this.open?.();
    this.gate = null;
  }

  push = async (mutations: readonly Mutation[]): Promise<MutationBatchResponse> => {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (this.gate) await this.gate;
      const failure = this.failures.shift();
      if (failure === 'offline') throw new OfflineError('Server not reachable: ECONNREFUSED');
      this.batches.push([...mutations]);
      const results = mutations.map((m) => this.apply(m));
      if (results.includes('server-error')) {
        throw new BatchRefusedError('Outbox: server answered 500');
      }
      if (failure === 'lose') throw new OfflineError('Outbox: server not reachable: terminated');
      return { results: results as MutationResult[], cursor: 100 + this.applied.length };
    } finally {
      this.inFlight--;
    }
  };

  private apply(m: Mutation): MutationResult | 'server-error' {
    const logged = this.log.get(m.id);
    if (logged?.status === 'applied') return { ...logged, repeated: true };
    if (logged) return logged;
    const outcome = this.answer(m);
    if (outcome === 'server-error') return outcome;
    const result = { id: m.id, ...outcome } as MutationResult;
    if (result.status !== 'conflict') this.log.set(m.id, result);
    if (result.status === 'applied') this.applied.push(m.id);
    return result;
  }
}

/** A console database in a temporary folder (a file, so a "restart" can open it again). */
export function tempDb() {
  const dir = mkdtempSync(join(tmpdir(), 'kvue-outbox-'));
  const path = join(dir, 'console.sqlite');
  return {
    path,
    open: () => openDatabase(path),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function insertCase(db: Db, overrides: Partial<CaseRecord> = {}): CaseRecord {
  const kase = makeCase({ status: 'disputed', version: 3, ...overrides });
  const row = caseToRow(kase);
  const names = Object.keys(row);
  db.prepare(
    `INSERT INTO cases (${names.join(', ')}) VALUES (${names.map((n) => '@' + n).join(', ')})`,
  ).run(row);
  return kase;
}

export function localCase(db: Db, id: string) {
  return db.prepare('SELECT status, fine_cents, version FROM cases WHERE id = ?').get(id) as {
    status: string;
    fine_cents: number;
    version: number;
  };
}

export function startOutbox(db: Db, server: FakeServer, session = fakeSession()) {
  const changes: DataChanged[] = [];
  const applied: number[] = [];
  const service = new OutboxService({
    db,
    session,
    onChanged: (changed) => changes.push(changed),
    onApplied: (cursor) => applied.push(cursor),
    push: server.push,
    pusher: { intervalMs: 60_000, backoff: () => 5, suspectAfter: 2 },
  });
  return { service, impl: service.impl, changes, applied };
}

export function outboxStates(db: Db): Record<string, string> {
  const rows = db.prepare('SELECT id, state FROM outbox ORDER BY seq').all() as {
    id: string;
    state: string;
  }[];
  return Object.fromEntries(rows.map((r) => [r.id, r.state]));
}

/** Calls the implementation as a transport does: with the input parsed by the call's schema. */
export function call<N extends WorkCallName>(
  impl: WorkImpl,
  name: N,
  input: CallInput<N>,
): ReturnType<WorkImpl[N]> {
  const run = impl[name] as (input: unknown) => ReturnType<WorkImpl[N]>;
  return run(calls[name].input.parse(input));
}

/** Per test: an outbox on a temporary console database, stopped, closed and removed afterwards. */
export function outboxFixture() {
  const cleanup: (() => unknown)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });
  function setup(server = new FakeServer()) {
    const file = tempDb();
    const db = file.open();
    const outbox = startOutbox(db, server);
    cleanup.push(
      file.remove,
      () => db.close(),
      () => outbox.service.stop(),
    );
    return { ...outbox, db, server, file };
  }
  return { cleanup, setup };
}
