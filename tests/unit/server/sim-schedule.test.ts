import { describe, expect, it } from 'vitest';
import { createPrng } from '../../../src/server/store/seed-data/prng';
import {
  HOUR_MS,
  MINUTE_MS,
  nextCaseOffset,
  planShift,
  Scheduler,
  SHIFT_MS,
  SimClock,
} from '../../../src/server/sim/schedule';

describe('simulated clock', () => {
  it('ends the simulated period when the run ends, never ahead of real time', () => {
    let real = 1_000_000_000_000;
    const clock = new SimClock(60, SHIFT_MS, real, () => real);
    const realEnd = real + SHIFT_MS / 60;
    expect(clock.realAt(clock.simEnd)).toBe(realEnd);
    expect(clock.simEnd).toBe(realEnd);
    for (; real <= realEnd; real += 7_000) expect(clock.now()).toBeLessThanOrEqual(real);
  });

  it('is real time at speed 1', () => {
    const real = 1_700_000_000_000;
    const clock = new SimClock(1, HOUR_MS, real, () => real + 5000);
    expect(clock.simStart).toBe(real);
    expect(clock.now()).toBe(real + 5000);
  });

  it('converts between simulated and real time', () => {
    const clock = new SimClock(60, SHIFT_MS, 0, () => 1000);
    expect(clock.now() - clock.simStart).toBe(60_000);
    expect(clock.realDelayUntil(clock.simStart + 120_000)).toBe(1000);
  });
});

describe('shift pace', () => {
  it('gives each officer 30–50 cases a shift, none in the break', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const rng = createPrng(seed);
      const plan = planShift(rng);
      expect(plan.casesPerShift).toBeGreaterThanOrEqual(30);
      expect(plan.casesPerShift).toBeLessThanOrEqual(50);
      let count = 0;
      for (let at = nextCaseOffset(rng, plan, plan.startOffsetMs); at < SHIFT_MS;) {
        expect(at >= plan.breakAtMs && at < plan.breakAtMs + plan.breakMs).toBe(false);
        count++;
        at = nextCaseOffset(rng, plan, at);
      }
      expect(count).toBeGreaterThanOrEqual(25);
      expect(count).toBeLessThanOrEqual(55);
    }
  });

  it('starts every officer within the first ten minutes', () => {
    const plan = planShift(createPrng(3));
    expect(plan.startOffsetMs).toBeLessThanOrEqual(10 * MINUTE_MS);
  });
});

describe('scheduler', () => {
  it('starts jobs in time order, at most `concurrency` at once', async () => {
    const clock = new SimClock(10_000, HOUR_MS);
    const errors: string[] = [];
    const scheduler = new Scheduler(clock, {
      concurrency: 3,
      onError: (_error, label) => errors.push(label),
    });
    const rng = createPrng(9);
    const started: number[] = [];
    let running = 0;
    let peak = 0;
    // Far enough ahead that every job is queued before the first is due.
    const base = clock.now() + 50 * clock.speed;
    for (let i = 0; i < 40; i++) {
      const at = base + rng.int(0, 60_000);
      scheduler.at(at, `job ${i}`, async () => {
        started.push(at);
        running++;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 3));
        running--;
      });
    }
    scheduler.at(base, 'broken', () => Promise.reject(new Error('boom')));
    for (let waited = 0; (started.length < 40 || running > 0) && waited < 5000; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(started).toHaveLength(40);
    expect(started).toEqual([...started].sort((a, b) => a - b));
    expect(peak).toBeLessThanOrEqual(3);
    expect(peak).toBeGreaterThan(1);
    expect(errors).toEqual(['broken']);
  });

  it('drops waiting jobs on stop and lets running ones finish', async () => {
    const clock = new SimClock(1000, HOUR_MS);
    const scheduler = new Scheduler(clock, { concurrency: 1, onError: () => undefined });
    const done: string[] = [];
    scheduler.after(0, 'now', async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      done.push('now');
    });
    scheduler.after(60 * MINUTE_MS, 'later', async () => {
      done.push('later');
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(scheduler.inFlight).toBe(1);
    scheduler.stop();
    expect(scheduler.queued).toBe(0);
    await scheduler.idle();
    expect(done).toEqual(['now']);
  });
});
