import type { DataChanged, SyncStatus } from '../../shared/contract';
import type { Db } from '../db/connection';
import type { ServerSession } from '../sync/session';
import { entitiesOf, LocalEffects } from './effects';
import { ConsoleIdentity } from './identity';
import { pushMutations, type PushFn } from './push-client';
import { Pusher, type PusherOptions } from './pusher';
import { OutboxStore } from './store';
import { createWorkImpl, type WorkImpl } from './work';

/** What the outbox needs of the server session. */
export type OutboxSession = Pick<
  ServerSession,
  'serverUrl' | 'signal' | 'user' | 'username' | 'accessToken' | 'authorized'
>;

export interface OutboxServiceOptions {
  db: Db;
  session: OutboxSession;
  onChanged(changed: DataChanged): void;
  /** Applied work is in the feed up to `cursor`: a pull brings the server's rows. */
  onApplied?(cursor: number): void;
  /** For tests: another way to reach the server, and other timings. */
  push?: PushFn;
  pusher?: Pick<PusherOptions, 'intervalMs' | 'backoff' | 'batchMax' | 'suspectAfter'>;
}

/**
 * The write path: the contract calls that record work locally (`impl`), and the pusher that
 * sends it to the server. Started after the database is open, stopped before it closes.
 */
export class OutboxService {
  readonly impl: WorkImpl;
  private readonly pusher: Pusher;
  private readonly abort = new AbortController();
  private readonly identity: ConsoleIdentity;
  private online = false;

  constructor(options: OutboxServiceOptions) {
    const { db, session } = options;
    const store = new OutboxStore(db, undefined, () => session.username);
    const effects = new LocalEffects(db);
    this.identity = new ConsoleIdentity(db, session);
    const signal = AbortSignal.any([session.signal, this.abort.signal]);
    const push: PushFn =
      options.push ??
      ((mutations) =>
        session.authorized((token) => pushMutations(session.serverUrl, token, mutations, signal)));

    this.pusher = new Pusher({
      store,
      effects,
      ...options.pusher,
      push: async (mutations) => {
        const answer = await push(mutations);
        this.identity.remember();
        return answer;
      },
      onAnswered: (rows, cursor) => {
        const entities = new Set<DataChanged['entities'][number]>(['outbox']);
        for (const row of rows) for (const entity of entitiesOf(row.kind)) entities.add(entity);
        options.onChanged({ entities: [...entities] });
        if (cursor > 0 && rows.some((row) => row.state === 'applied')) options.onApplied?.(cursor);
      },
      onFailed: () => options.onChanged({ entities: ['outbox'] }),
    });
    this.impl = createWorkImpl({
      db,
      store,
      effects,
      identity: this.identity,
      recorded: (entities) => {
        options.onChanged({ entities: [...entities] });
        this.pusher.kick();
      },
    });
  }

  start(): void {
    this.identity.remember();
    this.pusher.start();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.pusher.stop();
  }

  /** Follows the sync engine: when it is connected again, the outbox pushes at once. */
  syncStatusChanged(status: SyncStatus): void {
    const online = status.state === 'idle' || status.state === 'syncing';
    if (online && !this.online) {
      this.identity.remember();
      this.pusher.pushNow();
    }
    this.online = online;
  }
}
