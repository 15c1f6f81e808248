import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { placeWindow, readWindowState, writeWindowState } from '../../../src/main/window-state';

const limits = { defaultWidth: 1400, defaultHeight: 900, minWidth: 1024, minHeight: 640 };
const laptop = { x: 0, y: 0, width: 1920, height: 1040 };
const rightMonitor = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('placeWindow', () => {
  it('opens centred at the default size the first time', () => {
    expect(placeWindow(null, [laptop], limits)).toEqual({
      bounds: { x: 260, y: 70, width: 1400, height: 900 },
      maximized: false,
    });
  });

  it('opens where it was, also on a second monitor, maximised if it was', () => {
    const saved = { x: 2000, y: 50, width: 1600, height: 1000, maximized: true };
    expect(placeWindow(saved, [laptop, rightMonitor], limits)).toEqual({
      bounds: { x: 2000, y: 50, width: 1600, height: 1000 },
      maximized: true,
    });
  });

  it('comes back to the laptop screen when the monitor it was on is gone', () => {
    const saved = { x: 2000, y: 50, width: 1600, height: 1000, maximized: false };
    const placed = placeWindow(saved, [laptop], limits);
    expect(placed.bounds).toEqual({ x: 160, y: 20, width: 1600, height: 1000 });
  });

  it('fits a window larger than its screen into it, and never below the minimum size', () => {
    const small = { x: 0, y: 0, width: 1280, height: 720 };
    const saved = { x: 0, y: 0, width: 2400, height: 1300, maximized: false };
    expect(placeWindow(saved, [small], limits).bounds).toEqual({
      x: 0,
      y: 0,
      width: 1280,
      height: 720,
    });
    const tiny = { x: 0, y: 0, width: 300, height: 200, maximized: false };
    expect(placeWindow(tiny, [laptop], limits).bounds).toMatchObject({ width: 1024, height: 640 });
  });

  it('moves a window whose title bar is off the top of the screen back into reach', () => {
    const saved = { x: 100, y: -500, width: 1400, height: 900, maximized: false };
    expect(placeWindow(saved, [laptop], limits).bounds.y).toBeGreaterThanOrEqual(0);
  });
});

describe('window state file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kvue-window-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips, and a damaged or missing file means no saved state', async () => {
    const file = join(dir, 'window-state.json');
    expect(readWindowState(file)).toBeNull();
    const state = { x: 5, y: 6, width: 1200, height: 800, maximized: true };
    await writeWindowState(file, state);
    expect(readWindowState(file)).toEqual(state);
    writeFileSync(file, '{"x": 1');
    expect(readWindowState(file)).toBeNull();
    writeFileSync(file, JSON.stringify({ ...state, width: 'wide' }));
    expect(readWindowState(file)).toBeNull();
  });
});
