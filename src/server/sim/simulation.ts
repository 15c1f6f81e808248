import { randomInt } from 'node:crypto';
import { officerUsernames, OFFICER_NAMES } from '../store/seed-data/people';
import { ApiError, FieldSession, Gate, StoppedError, type HttpOptions } from './field-client';
import { Intake } from './intake';
import { LiveWatch } from './live';
import { Officer } from './officer';
import { MINUTE_MS, Scheduler, SimClock } from './schedule';
import { SimStats, summarize, type SimSummary } from './stats';

export const DEFAULT_SERVER = 'http://127.0.0.1:4100';
export const DEFAULT_PASSWORD = 'demo';
export const INTAKE_USERNAME = 'demo.clerk';

export interface SimulationOptions {
  /** Base URL of the field server. */
  server?: string;
  /** How many officers, `officer-01` onwards (at most the roster's 180). */
  officers: number;
  /** Simulated time per real time: 60 runs an 8-hour shift in 8 minutes. */
  speed: number;
  /** Simulated minutes to run; default 480 (one shift). The run takes `duration / speed`. */
  durationMinutes?: number;
  /** PRNG seed: the same seed gives the same officers' cases, photos and disputes. */
  seed?: number;
  /** Jobs (requests with their photo rendering) in flight at once; default 24. */
  concurrency?: number;
  /** Real seconds between an officer's feed pulls; default scales with the number of officers. */
  pollSeconds?: number;
  /** Real seconds between summaries passed to `onReport`; default 10. */
  reportSeconds?: number;
  /** Share of cases that get a dispute; default 0.1. */
  disputeShare?: number;
  /** Simulated minutes from recording to the dispute's arrival; default 10–120. */
  disputeDelayMinutes?: readonly [number, number];
  /** Share of statements sent with a new photo of the case; default 0.35. */
  statementPhotoShare?: number;
  /** Share of acknowledgement requests overlooked until a dispatch's reminder; default 0. */
  missedAckShare?: number;
  password?: string;
  /** Ends the run early (SIGINT): no new jobs start, those in flight get `graceMs`, then are cut. */
  signal?: AbortSignal;
  graceMs?: number;
  /** For tests: a fetch that loses answers or fails. */
  fetch?: typeof fetch;
  /** Transient failures tried this often per request; default 8. */
  maxAttempts?: number;
  onReport?: (summary: SimSummary) => void;
  /** Progress and trouble, one line each; default silent. */
  log?: (line: string) => void;
}

export interface SimulationResult {
  summary: SimSummary;
  /** True when `signal` ended the run before its duration was up. */
  interrupted: boolean;
}

/**
 * Real seconds between one officer's feed pulls: officers / 18, from 2 to 10 s. At 180 officers
 * that is 10 s, 18 pulls a second in all; each costs the server about 8 ms even when empty
 * (token check and the feed query), so polling takes about a sixth of an embedded PGlite
 * server's single core and leaves the rest to cases and photos.
 */
export function defaultPollSeconds(officers: number): number {
  return Math.min(10, Math.max(2, officers / 18));
}

function check(options: SimulationOptions): void {
  const { officers, speed } = options;
  if (!Number.isInteger(officers) || officers < 1 || officers > OFFICER_NAMES.length) {
    throw new RangeError(`officers must be 1–${OFFICER_NAMES.length}, got ${officers}`);
  }
  if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError(`bad speed ${speed}`);
  const duration = options.durationMinutes ?? 480;
  if (!(duration > 0) || !Number.isFinite(duration)) {
    throw new RangeError(`bad duration ${duration}`);
  }
}

function waitFor(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, Math.max(0, ms));
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

/**
 * Drives the field API as `officers` officers in a shift would, for `durationMinutes` simulated
 * minutes at `speed`, then returns what was done. Never throws for a failing request (those are
 * retried, then counted as errors), only for bad options or when the first logins fail.
 */
export async function runSimulation(options: SimulationOptions): Promise<SimulationResult> {
  check(options);
  const log = options.log ?? (() => undefined);
  const stats = new SimStats();
  // Cuts every request and back-off wait: at once while connecting, after the grace period
  // once the shift runs (an interrupt first only stops new jobs; see `finally` below).
  const run = new AbortController();
  const outer = options.signal ?? new AbortController().signal;
  const cutConnecting = () => run.abort();
  outer.addEventListener('abort', cutConnecting);
  if (outer.aborted) run.abort();

  const http: HttpOptions = {
    baseUrl: options.server ?? DEFAULT_SERVER,
    fetch: options.fetch ?? fetch,
    signal: run.signal,
    stats,
    timeoutMs: 30_000,
    maxAttempts: options.maxAttempts ?? 8,
    backoffBaseMs: 250,
    backoffMaxMs: 10_000,
    loginGate: new Gate(2),
  };
  const password = options.password ?? DEFAULT_PASSWORD;
  const clerk = new FieldSession(http, INTAKE_USERNAME, password);
  const sessions = officerUsernames(options.officers).map(
    (username) => new FieldSession(http, username, password),
  );
  let live: LiveWatch | null = null;
  let head: number | null;
  try {
    log(`connecting to ${http.baseUrl} …`);
    await connect(http, clerk, sessions, options.officers, log);
    live = new LiveWatch(http.baseUrl, clerk);
    head = await live.initialHead(5000);
  } catch (error) {
    live?.close();
    if (error instanceof StoppedError) {
      return {
        summary: summarize(stats, {
          simTime: new Date().toISOString(),
          realElapsedMs: 0,
          inFlight: 0,
          queued: 0,
          lagMs: 0,
        }),
        interrupted: true,
      };
    }
    throw error;
  } finally {
    outer.removeEventListener('abort', cutConnecting);
  }
  log(
    head === null
      ? 'feed head unknown: officers read their feeds from the start'
      : `feed head ${head}: officers read their feeds from there`,
  );

  // The shift starts now that the server answers: the clock runs from here.
  const clock = new SimClock(options.speed, (options.durationMinutes ?? 480) * MINUTE_MS);
  const scheduler = new Scheduler(clock, {
    concurrency: options.concurrency ?? 24,
    onError(error, label) {
      if (error instanceof StoppedError) return;
      stats.error(error instanceof ApiError ? error.code : 'crash');
      log(
        `${label} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    },
  });
  const seed = options.seed ?? randomInt(2 ** 31);
  const pollMs = (options.pollSeconds ?? defaultPollSeconds(options.officers)) * 1000;
  const snapshot = () =>
    summarize(stats, {
      simTime: new Date(Math.min(clock.now(), clock.simEnd)).toISOString(),
      realElapsedMs: Date.now() - clock.realStart,
      inFlight: scheduler.inFlight,
      queued: scheduler.queued,
      lagMs: scheduler.takeLag(),
    });
  let reporter: NodeJS.Timeout | null = null;

  try {
    const intake = new Intake(clerk, clock, scheduler, stats);
    const disputeDelay = options.disputeDelayMinutes ?? [10, 120];
    for (const [index, session] of sessions.entries()) {
      const officer = new Officer({
        index,
        session,
        seed,
        clock,
        scheduler,
        stats,
        intake,
        live,
        pollMs,
        disputeShare: options.disputeShare ?? 0.1,
        disputeDelayMs: [disputeDelay[0] * MINUTE_MS, disputeDelay[1] * MINUTE_MS],
        statementPhotoShare: options.statementPhotoShare ?? 0.35,
        missedAckShare: options.missedAckShare ?? 0,
      });
      officer.startCursor = head;
      officer.start();
    }
    log(
      `${sessions.length} officers, speed ${options.speed}×, seed ${seed}, ` +
        `simulated ${new Date(clock.simStart).toISOString()} – ${new Date(clock.simEnd).toISOString()}`,
    );
    if (options.onReport) {
      const report = options.onReport;
      reporter = setInterval(() => report(snapshot()), (options.reportSeconds ?? 10) * 1000);
    }
    await waitFor(clock.realAt(clock.simEnd) - Date.now(), outer);
  } finally {
    if (reporter) clearInterval(reporter);
    scheduler.stop();
    // Jobs in flight get to finish (a case with its photos), then whatever still hangs is cut.
    const grace = new AbortController();
    await Promise.race([scheduler.idle(), waitFor(options.graceMs ?? 5000, grace.signal)]);
    grace.abort();
    run.abort();
    await scheduler.idle();
    live.close();
  }
  return { summary: snapshot(), interrupted: outer.aborted };
}

/**
 * Roll call before the shift: the intake clerk and every officer log in (a few at a time; the
 * server hashes passwords slowly on purpose), so the shift's clock starts with everyone ready
 * and a server that is down or lacks the users fails the run at once. An officer whose login
 * fails for a passing reason tries again at the start of the shift.
 */
async function connect(
  http: HttpOptions,
  clerk: FieldSession,
  sessions: readonly FieldSession[],
  officers: number,
  log: (line: string) => void,
): Promise<void> {
  const started = Date.now();
  await clerk.ensureLoggedIn();
  const results = await Promise.allSettled(sessions.map((session) => session.ensureLoggedIn()));
  for (const [index, result] of results.entries()) {
    if (result.status === 'fulfilled') continue;
    const error: unknown = result.reason;
    if (error instanceof StoppedError) throw error;
    if (error instanceof ApiError && error.code === 'invalid_credentials') {
      throw new Error(
        `${sessions[index]?.username ?? 'an officer'} cannot log in at ${http.baseUrl}: does the ` +
          `server's demo seed have ${officers} officers? (A database seeded before the ` +
          '180-officer roster has 24.)',
        { cause: error },
      );
    }
  }
  const ready = results.filter((result) => result.status === 'fulfilled').length;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  log(
    `roll call: ${clerk.username} (intake) and ${ready}/${sessions.length} officers logged in in ${seconds} s`,
  );
}
