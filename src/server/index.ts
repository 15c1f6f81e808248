import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  newCaseSchema,
  type CaseRecord,
  type CaseStatus,
  type NewCase,
} from '../shared/domain/case';
import type { LoginLimits } from './auth/lockout';
import { DEFAULT_SESSION_TTL_MS } from './auth/sessions';
import { PhotoStore } from './blobs/photo-store';
import { createCase } from './cases/create';
import { ensureOffenceCatalogue } from './cases/offences';
import { setCaseStatus } from './cases/update';
import { FeedHub } from './feed/hub';
import { compactFeed, resetFeed, type FeedCompaction, type FeedStateChange } from './feed/state';
import { commitWithFeed } from './feed/write';
import { buildApp } from './http/app';
import { DispatchScheduler, type DispatchTick } from './messaging/dispatch-scheduler';
import {
  applyServerRetention,
  DEFAULT_SERVER_RETENTION_DAYS,
  type ServerRetentionResult,
} from './privacy/retention';
import { openStore } from './store/open';
import { seedDemoData } from './store/seed';
import { safeError } from './http/error-handler';

export { DEMO_PASSWORD, DEMO_USERS, demoLogin, type DemoUser } from './store/seed';

export interface ServerOptions {
  /** Interface to bind; default loopback only. */
  host?: string;
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** PGlite data folder; omitted means an in-memory database that dies with the server. */
  dataDir?: string;
  /** A PostgreSQL connection string; wins over `dataDir`. */
  databaseUrl?: string;
  /**
   * Demo data on first start (empty database); `{ cases }` sets how many cases, `officers` how
   * many of the 180 demo officers exist.
   */
  seed?: boolean | { cases: number; officers?: number };
  /** Fastify request logging: to stdout, or (tests) to a stream of the caller's. */
  logger?: boolean | { stream: { write(line: string): void } };
  /** How long a login lasts (the refresh token's lifetime); default 12 hours. */
  sessionTtlMs?: number;
  /** Access token lifetime; default 15 minutes, capped at `sessionTtlMs`. */
  accessTtlMs?: number;
  /**
   * Folder of the photo store; default `<dataDir>/photos`, or without `dataDir` a temporary
   * folder that is removed on close (like the in-memory database).
   */
  photoDir?: string;
  /** Largest photo upload accepted; default 15 MB. */
  photoMaxBytes?: number;
  /** Failed-login lockout and per-address login limits; default `DEFAULT_LOGIN_LIMITS`. */
  loginLimits?: LoginLimits;
  /**
   * Days after a case closed until its personal data and photos are removed (default 365; 0
   * never), checked at start and every `intervalMs` (default 6 hours; 0: only `runRetention`).
   */
  retention?: { closedCaseDays?: number; intervalMs?: number };
  /**
   * The dispatch scheduler: how often it looks for due dispatches and reminders (default 5 s;
   * 0 runs none, and `runDispatches` is the only way), and the clock it judges by (default the
   * database's).
   */
  dispatches?: { intervalMs?: number; now?: () => Date };
}

export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:4100`. */
  url: string;
  port: number;
  /** Stops accepting, closes live sockets and the database. Safe to call twice. */
  close(): Promise<void>;
  /**
   * Records a case as if the officer with `officerId` had submitted it through
   * `POST /field/cases`: same checks (throws on bad input), same idempotency, feed entry and poke.
   */
  createCase(input: NewCase, officerId?: string): Promise<CaseRecord>;
  /** Moves a case to another status (e.g. `disputed`), as later intake will; goes to the feed. */
  setCaseStatus(id: string, status: CaseStatus): Promise<CaseRecord>;
  /**
   * Starts a new feed epoch: every console reads the feed again from 0 (`resetFeed`). Live
   * clients of this server are poked at once.
   */
  resetFeed(reason: string): Promise<FeedStateChange>;
  /**
   * Removes the feed's tombstones up to cursor `upTo`; readers below it start over
   * (`compactFeed`; null when there was nothing to do). Live clients are poked at once.
   */
  compactFeed(upTo: number): Promise<FeedCompaction | null>;
  /**
   * Runs the dispatch scheduler once, as of `at` (default its clock): sends the scheduled
   * dispatches due and the reminders due. Safe beside the timer and beside other processes.
   */
  runDispatches(at?: Date): Promise<DispatchTick>;
  /** Runs the retention rule once, as of `at` (default now); see `applyServerRetention`. */
  runRetention(at?: Date): Promise<ServerRetentionResult>;
}

/** The officer `createCase` records for when none is named: the demo officer `officer.huber`. */
const DEMO_OFFICER_ID = 'officer-01';

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const db = await openStore(options);
  const hub = new FeedHub();
  let temporaryPhotoDir: string | null = null;
  const removePhotoDir = async () => {
    if (temporaryPhotoDir) await rm(temporaryPhotoDir, { recursive: true, force: true });
  };
  try {
    let photoDir = options.photoDir;
    if (photoDir === undefined && options.dataDir !== undefined) {
      photoDir = join(options.dataDir, 'photos');
    }
    if (photoDir === undefined) {
      temporaryPhotoDir = await mkdtemp(join(tmpdir(), 'kvue-photos-'));
      photoDir = temporaryPhotoDir;
    }
    await ensureOffenceCatalogue(db);
    if (options.seed) {
      const { cases, officers } = typeof options.seed === 'object' ? options.seed : {};
      await seedDemoData(db, hub, {
        ...(cases === undefined ? {} : { cases }),
        ...(officers === undefined ? {} : { officers }),
      });
    }
    const photoStore = new PhotoStore(photoDir);
    const app = await buildApp(
      {
        db,
        hub,
        sessionTtlMs: options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS,
        ...(options.accessTtlMs === undefined ? {} : { accessTtlMs: options.accessTtlMs }),
        photos: photoStore,
        ...(options.photoMaxBytes === undefined ? {} : { photoMaxBytes: options.photoMaxBytes }),
        ...(options.loginLimits ? { loginLimits: options.loginLimits } : {}),
      },
      { logger: options.logger ?? false },
    );
    const host = options.host ?? '127.0.0.1';
    try {
      await app.listen({ host, port: options.port ?? 0 });
    } catch (error) {
      await app.close();
      throw error;
    }
    const { port } = app.server.address() as AddressInfo;
    const urlHost = host.includes(':') ? `[${host}]` : host;
    const scheduler = new DispatchScheduler({
      db,
      hub,
      ...options.dispatches,
      // Without a logger, failures go to stderr (the scheduler's default).
      ...(options.logger
        ? {
            onError: (err: unknown) =>
              app.log.error({ err: safeError(err) }, 'dispatch scheduler failed'),
          }
        : {}),
    });
    scheduler.start();

    const retentionDays = options.retention?.closedCaseDays ?? DEFAULT_SERVER_RETENTION_DAYS;
    const runRetention = (at?: Date) =>
      applyServerRetention(db, hub, photoStore, {
        days: retentionDays,
        ...(at ? { at } : {}),
      });
    const retentionEveryMs = options.retention?.intervalMs ?? 6 * 60 * 60_000;
    let retentionRun: Promise<unknown> | null = null;
    const retentionTick = () => {
      if (retentionDays <= 0 || retentionRun) return;
      retentionRun = runRetention()
        .catch((error: unknown) => {
          if (options.logger) app.log.error({ err: safeError(error) }, 'retention failed');
          else console.error('Retention failed:', (error as Error).message);
        })
        .finally(() => {
          retentionRun = null;
        });
    };
    const retentionTimer =
      retentionEveryMs > 0 ? setInterval(retentionTick, retentionEveryMs) : null;
    retentionTimer?.unref();
    if (retentionEveryMs > 0) retentionTick();

    let closing: Promise<void> | null = null;
    return {
      url: `http://${urlHost}:${port}`,
      port,
      close() {
        if (retentionTimer) clearInterval(retentionTimer);
        closing ??= Promise.resolve(retentionRun)
          .then(() => scheduler.stop())
          .finally(() => app.close())
          .finally(() => db.close())
          .finally(removePhotoDir);
        return closing;
      },
      async createCase(input, officerId = DEMO_OFFICER_ID) {
        const valid = newCaseSchema.parse(input);
        const result = await commitWithFeed(db, hub, (tx, feed) =>
          createCase(tx, feed, officerId, valid),
        );
        return result.record;
      },
      setCaseStatus: (id, status) =>
        commitWithFeed(db, hub, (tx, feed) => setCaseStatus(tx, feed, id, status)),
      resetFeed: (reason) => resetFeed(db, reason, hub),
      compactFeed: (upTo) => compactFeed(db, upTo, hub),
      runDispatches: (at) => scheduler.tick(at),
      runRetention,
    };
  } catch (error) {
    await db.close();
    await removePhotoDir();
    throw error;
  }
}
