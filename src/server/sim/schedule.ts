import type { Prng } from '../store/seed-data/prng';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
/** One shift; the "30–50 cases a day" rate is per shift. */
export const SHIFT_MS = 8 * HOUR_MS;

/**
 * Simulated time. It runs `speed` times as fast as real time and is laid out so that the
 * simulated period ends exactly when the run does: no timestamp the simulator sends (observed,
 * taken, received) lies in the future, and at speed 1 simulated time is real time. At speed 60
 * an 8-hour shift thus starts 7 h 52 min before the run and ends with it, 8 real minutes later.
 */
export class SimClock {
  readonly realStart: number;
  readonly simStart: number;
  readonly simEnd: number;

  constructor(
    readonly speed: number,
    /** Simulated length of the run. */
    readonly durationMs: number,
    realStart: number = Date.now(),
    private readonly realNow: () => number = Date.now,
  ) {
    if (!(speed > 0) || !Number.isFinite(speed)) throw new Error(`Bad speed ${speed}`);
    if (!(durationMs > 0)) throw new Error(`Bad duration ${durationMs}`);
    this.realStart = realStart;
    this.simStart = realStart - Math.max(0, durationMs - durationMs / speed);
    this.simEnd = this.simStart + durationMs;
  }

  /** Simulated time now (epoch ms). */
  now(): number {
    return this.simAt(this.realNow());
  }

  simAt(real: number): number {
    return this.simStart + (real - this.realStart) * this.speed;
  }

  realAt(sim: number): number {
    return this.realStart + (sim - this.simStart) / this.speed;
  }

  /** Real milliseconds until simulated time `sim` (negative when past). */
  realDelayUntil(sim: number): number {
    return this.realAt(sim) - this.realNow();
  }
}

/** How one officer's shift goes: a start, a pace, a break. */
export interface ShiftPlan {
  /** Cases this officer aims for per 8-hour shift (30–50). */
  casesPerShift: number;
  /** Sim ms after the run's start the officer logs in and starts. */
  startOffsetMs: number;
  /** Sim ms after the run's start the break begins, and how long it lasts. */
  breakAtMs: number;
  breakMs: number;
  /** Mean gap between two cases while on patrol. */
  meanGapMs: number;
}

export function planShift(rng: Prng): ShiftPlan {
  const casesPerShift = rng.int(30, 50);
  const breakMs = 30 * MINUTE_MS;
  return {
    casesPerShift,
    startOffsetMs: rng.int(0, 10 * MINUTE_MS),
    breakAtMs: rng.int(3.5 * HOUR_MS, 4.5 * HOUR_MS),
    breakMs,
    meanGapMs: (SHIFT_MS - breakMs) / casesPerShift,
  };
}

/**
 * When the next case is recorded, `after` ms into the run: half to one and a half mean gaps
 * later (no long tails: an officer on patrol keeps a steady pace), but never during a break.
 * Shifts follow each other when the run is longer than one.
 */
export function nextCaseOffset(rng: Prng, plan: ShiftPlan, after: number): number {
  const next = after + plan.meanGapMs * (0.5 + rng.next());
  const inShift = next % SHIFT_MS;
  const shiftStart = next - inShift;
  if (inShift >= plan.breakAtMs && inShift < plan.breakAtMs + plan.breakMs) {
    return shiftStart + plan.breakAtMs + plan.breakMs + rng.int(0, 5 * MINUTE_MS);
  }
  return next;
}

/** Reaction times, in simulated ms. */
export const delays = {
  /** The phone shows the message: delivered at once, within half a minute. */
  delivered: (rng: Prng) => rng.int(0, 30_000),
  /** The officer opens it between two cases. */
  read: (rng: Prng, urgent: boolean) =>
    urgent ? rng.int(15_000, 2 * MINUTE_MS) : rng.int(MINUTE_MS, 12 * MINUTE_MS),
  /** "Acknowledge" on an urgent dispatch, a few minutes after reading it. */
  acknowledge: (rng: Prng) => rng.int(MINUTE_MS, 5 * MINUTE_MS),
  /** A dispatch's reminder buzzes the phone: acknowledged within a minute or two. */
  afterReminder: (rng: Prng) => rng.int(15_000, 2 * MINUTE_MS),
  /** A statement takes finishing the current case and typing. */
  reply: (rng: Prng) => rng.int(5 * MINUTE_MS, 35 * MINUTE_MS),
};

interface Entry {
  at: number;
  seq: number;
  label: string;
  job: () => Promise<void>;
}

/** A binary min-heap by time, then by insertion order (so equal times run first-come). */
class TimeHeap {
  private readonly items: Entry[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): Entry | undefined {
    return this.items[0];
  }

  private less(a: Entry, b: Entry): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  push(entry: Entry): void {
    const items = this.items;
    items.push(entry);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const up = items[parent] as Entry;
      if (!this.less(entry, up)) break;
      items[i] = up;
      i = parent;
    }
    items[i] = entry;
  }

  pop(): Entry | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child =
        right < items.length && this.less(items[right] as Entry, items[left] as Entry)
          ? right
          : left;
      if (!this.less(items[child] as Entry, last)) break;
      items[i] = items[child] as Entry;
      i = child;
    }
    items[i] = last;
    return top;
  }

  clear(): void {
    this.items.length = 0;
  }
}

export interface SchedulerOptions {
  /** Jobs running at once; the rest wait their turn (and run late, which `lagMs` shows). */
  concurrency: number;
  /** A job that throws is reported here and never stops the others. */
  onError: (error: unknown, label: string) => void;
}

/**
 * Runs every simulated officer's jobs on one event loop: one timer for the earliest job, a
 * bounded number in flight. 180 officers are 180 entries in a heap, not 180 loops.
 */
export class Scheduler {
  private readonly heap = new TimeHeap();
  private seq = 0;
  private running = 0;
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Infinity;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];
  /** Largest delay (real ms) between a job's due time and its start since the last `takeLag`. */
  private maxLag = 0;

  constructor(
    private readonly clock: SimClock,
    private readonly options: SchedulerOptions,
  ) {}

  get inFlight(): number {
    return this.running;
  }

  get queued(): number {
    return this.heap.size;
  }

  /** Runs `job` at simulated time `at` (or as soon as possible after it). */
  at(at: number, label: string, job: () => Promise<void>): void {
    if (this.stopped) return;
    this.heap.push({ at, seq: this.seq++, label, job });
    this.pump();
  }

  /** Runs `job` `delayMs` simulated ms from now. */
  after(delayMs: number, label: string, job: () => Promise<void>): void {
    this.at(this.clock.now() + delayMs, label, job);
  }

  /** Drops every job not yet started; those in flight finish (see `idle`). */
  stop(): void {
    this.stopped = true;
    this.heap.clear();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = Infinity;
    this.wakeIdle();
  }

  /** Resolves once no job is running (after `stop`: once the last one has finished). */
  idle(): Promise<void> {
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** The worst lag since the last call, in real ms. */
  takeLag(): number {
    const lag = this.maxLag;
    this.maxLag = 0;
    return lag;
  }

  private wakeIdle(): void {
    if (this.running > 0) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private pump(): void {
    if (this.stopped) return;
    const now = this.clock.now();
    // Within a real millisecond counts as due: timers have millisecond resolution.
    const due = now + this.clock.speed;
    while (this.running < this.options.concurrency) {
      const next = this.heap.peek();
      if (!next || next.at > due) break;
      this.heap.pop();
      this.start(next, now);
    }
    this.arm();
  }

  private start(entry: Entry, now: number): void {
    this.running++;
    this.maxLag = Math.max(this.maxLag, Math.max(0, now - entry.at) / this.clock.speed);
    let result: Promise<void>;
    try {
      result = entry.job();
    } catch (error) {
      result = Promise.reject(error);
    }
    result
      .catch((error: unknown) => this.options.onError(error, entry.label))
      .finally(() => {
        this.running--;
        this.wakeIdle();
        this.pump();
      });
  }

  /** One timer, for the earliest waiting job; none while all slots are busy. */
  private arm(): void {
    const next = this.heap.peek();
    const wanted = next && this.running < this.options.concurrency ? next.at : Infinity;
    if (wanted === this.timerAt) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = wanted;
    if (wanted === Infinity) return;
    const delay = Math.max(0, Math.ceil(this.clock.realDelayUntil(wanted)));
    // setTimeout clamps anything above ~24.8 days; re-arming on wake-up covers long waits.
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.timerAt = Infinity;
        this.pump();
      },
      Math.min(delay, 2 ** 31 - 1),
    );
  }
}
