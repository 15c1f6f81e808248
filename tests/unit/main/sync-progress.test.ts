import { describe, expect, it } from 'vitest';
import { PullProgress } from '../../../src/main/sync/progress';

describe('PullProgress', () => {
  it('adds up rows and bytes of the pages applied', () => {
    const progress = new PullProgress(100, 0);
    progress.add(5000, 2_000_000, 5100);
    progress.add(3000, 1_000_000, 8100);
    expect(progress.snapshot(null, 2000)).toEqual({
      rows: 8000,
      bytes: 3_000_000,
      etaSeconds: null,
    });
  });

  it('estimates the time left from the poked head and the pace so far', () => {
    const progress = new PullProgress(0, 0);
    progress.add(10_000, 5_000_000, 10_000);
    // 10,000 cursors in 2 s; 40,000 to go at that pace: 8 s.
    expect(progress.snapshot(50_000, 2000).etaSeconds).toBe(8);
  });

  it('gives no estimate without a head, with a stale head, or too early', () => {
    const progress = new PullProgress(0, 0);
    progress.add(100, 1000, 100);
    expect(progress.snapshot(null, 5000).etaSeconds).toBeNull();
    expect(progress.snapshot(100, 5000).etaSeconds).toBeNull();
    expect(progress.snapshot(50, 5000).etaSeconds).toBeNull();
    expect(progress.snapshot(1000, 500).etaSeconds).toBeNull();
    expect(new PullProgress(0, 0).snapshot(1000, 5000).etaSeconds).toBeNull();
  });

  it('never lets the cursor move back', () => {
    const progress = new PullProgress(0, 0);
    progress.add(10, 100, 1000);
    progress.add(0, 50, 500);
    expect(progress.snapshot(2000, 1000).etaSeconds).toBe(1);
  });
});
