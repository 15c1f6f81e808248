import { describe, expect, it } from 'vitest';
import {
  displayScale,
  fitScale,
  imageTransform,
  INITIAL_VIEWER_STATE,
  MAX_ZOOM,
  MIN_ZOOM,
  PAN_STEP,
  type ViewerAction,
  viewerKey,
  viewerReducer,
  type ViewerState,
  ZOOM_STEP,
} from '../../../src/renderer/features/photos/viewer-state';

/** A 1600×1200 photo in an 800×600 viewport: fit is 0.5, and the aspect ratios match. */
function loaded(overrides: Partial<ViewerState> = {}): ViewerState {
  return {
    ...INITIAL_VIEWER_STATE,
    viewport: { width: 800, height: 600 },
    image: { width: 1600, height: 1200 },
    ...overrides,
  };
}

const run = (state: ViewerState, ...actions: ViewerAction[]) =>
  actions.reduce(viewerReducer, state);

/** Where an image point (natural px from its centre) lands in the viewport (px from its centre). */
function screenOf(state: ViewerState, point: { x: number; y: number }) {
  const scale = displayScale(state);
  const rad = (state.rotation * Math.PI) / 180;
  const x = point.x * scale;
  const y = point.y * scale;
  return {
    x: state.pan.x + x * Math.cos(rad) - y * Math.sin(rad),
    y: state.pan.y + x * Math.sin(rad) + y * Math.cos(rad),
  };
}

/** The image point under a viewport point. */
function imageOf(state: ViewerState, screen: { x: number; y: number }) {
  const scale = displayScale(state);
  const rad = (-state.rotation * Math.PI) / 180;
  const x = (screen.x - state.pan.x) / scale;
  const y = (screen.y - state.pan.y) / scale;
  return { x: x * Math.cos(rad) - y * Math.sin(rad), y: x * Math.sin(rad) + y * Math.cos(rad) };
}

describe('photo viewer geometry', () => {
  it('fits the whole photo, and never enlarges a small one at fit', () => {
    expect(fitScale(loaded())).toBe(0.5);
    expect(fitScale(loaded({ image: { width: 400, height: 300 } }))).toBe(1);
    // Portrait after rotation: the height (1600) limits, 600 / 1600.
    expect(fitScale(loaded({ rotation: 90 }))).toBeCloseTo(600 / 1600);
  });

  it('keeps zoom between its limits', () => {
    let state = loaded();
    for (let i = 0; i < 20; i++) state = viewerReducer(state, { type: 'zoomBy', factor: 2 });
    expect(state.zoom).toBe(MAX_ZOOM);
    for (let i = 0; i < 20; i++) state = viewerReducer(state, { type: 'zoomBy', factor: 0.5 });
    expect(state.zoom).toBe(MIN_ZOOM);
    // At the limit a further step changes nothing, not even identity (no needless re-render).
    expect(viewerReducer(state, { type: 'zoomBy', factor: 0.5 })).toBe(state);
  });

  it('keeps the point under the pointer fixed while zooming', () => {
    const at = { x: 200, y: -150 };
    let state = loaded();
    for (const factor of [1.5, 2, 1.3, 0.7]) {
      const before = imageOf(state, at);
      state = viewerReducer(state, { type: 'zoomBy', factor, at });
      const after = screenOf(state, before);
      expect(after.x).toBeCloseTo(at.x, 6);
      expect(after.y).toBeCloseTo(at.y, 6);
    }
    expect(state.zoom).toBeCloseTo(1.5 * 2 * 1.3 * 0.7);
  });

  it('also keeps the point fixed on a rotated photo', () => {
    const at = { x: -100, y: 80 };
    let state = run(loaded(), { type: 'rotate' }, { type: 'zoomBy', factor: 2 });
    const before = imageOf(state, at);
    state = viewerReducer(state, { type: 'zoomBy', factor: 1.5, at });
    expect(screenOf(state, before).x).toBeCloseTo(at.x, 6);
    expect(screenOf(state, before).y).toBeCloseTo(at.y, 6);
  });

  it('clamps panning to the image edges, and does not pan at fit', () => {
    expect(run(loaded(), { type: 'panBy', dx: 300, dy: -300 }).pan).toEqual({ x: 0, y: 0 });
    // Zoom 2 at fit 0.5: the image is 1600×1200 in an 800×600 viewport: 400 and 300 to spare.
    const zoomed = run(loaded(), { type: 'zoomBy', factor: 2 });
    expect(run(zoomed, { type: 'panBy', dx: 10_000, dy: 10_000 }).pan).toEqual({ x: 400, y: 300 });
    expect(run(zoomed, { type: 'panBy', dx: -10_000, dy: -10_000 }).pan).toEqual({
      x: -400,
      y: -300,
    });
    expect(run(zoomed, { type: 'panBy', dx: 50, dy: -20 }).pan).toEqual({ x: 50, y: -20 });
  });

  it('re-clamps the pan when zooming out or when the viewport changes shape', () => {
    const panned = run(loaded(), { type: 'zoomBy', factor: 2 }, { type: 'panBy', dx: 400, dy: 0 });
    expect(panned.pan.x).toBe(400);
    // Zoom 1.5: 1200 px wide in 800, so at most 200 to either side.
    expect(run(panned, { type: 'zoomBy', factor: 0.75 }).pan.x).toBeLessThanOrEqual(200);
    expect(run(panned, { type: 'zoomBy', factor: 0.5 }).pan).toEqual({ x: 0, y: 0 });
    // A wide viewport where the zoomed width fits exactly: nothing left to pan sideways.
    const wide = run(panned, { type: 'viewport', size: { width: 1600, height: 600 } });
    expect(wide.pan.x).toBe(0);
  });

  it('rotates in quarter turns and comes back round', () => {
    const seen = [];
    let state = loaded();
    for (let i = 0; i < 4; i++) {
      state = viewerReducer(state, { type: 'rotate' });
      seen.push(state.rotation);
    }
    expect(seen).toEqual([90, 180, 270, 0]);
    expect(imageTransform(run(loaded(), { type: 'rotate' }))).toContain('rotate(90deg)');
  });

  it('fit resets zoom and pan but keeps the rotation', () => {
    const state = run(
      loaded(),
      { type: 'rotate' },
      { type: 'zoomBy', factor: 3, at: { x: 100, y: 100 } },
      { type: 'panBy', dx: 40, dy: 40 },
      { type: 'fit' },
    );
    expect(state).toMatchObject({ zoom: 1, pan: { x: 0, y: 0 }, rotation: 90 });
  });

  it('starts afresh for another photo, keeping only the viewport', () => {
    const state = run(
      loaded(),
      { type: 'rotate' },
      { type: 'zoomBy', factor: 3 },
      { type: 'reset' },
    );
    expect(state).toEqual({ ...INITIAL_VIEWER_STATE, viewport: { width: 800, height: 600 } });
  });

  it('writes the transform the stage applies', () => {
    const state = run(loaded(), { type: 'zoomBy', factor: 2 }, { type: 'panBy', dx: 10, dy: 5 });
    expect(imageTransform(state)).toBe(
      'translate(-50%, -50%) translate(10px, 5px) rotate(0deg) scale(1)',
    );
  });
});

describe('photo viewer keyboard map', () => {
  const fit = loaded();
  const zoomed = run(loaded(), { type: 'zoomBy', factor: 2 });

  it('zooms with + and −, fits with 0, rotates with R', () => {
    expect(viewerKey('+', fit)).toEqual({
      kind: 'state',
      action: { type: 'zoomBy', factor: ZOOM_STEP },
    });
    expect(viewerKey('=', fit)).toEqual(viewerKey('+', fit));
    expect(viewerKey('-', fit)).toEqual({
      kind: 'state',
      action: { type: 'zoomBy', factor: 1 / ZOOM_STEP },
    });
    expect(viewerKey('0', zoomed)).toEqual({ kind: 'state', action: { type: 'fit' } });
    expect(viewerKey('r', fit)).toEqual({ kind: 'state', action: { type: 'rotate' } });
    expect(viewerKey('R', fit)).toEqual({ kind: 'state', action: { type: 'rotate' } });
  });

  it('F toggles full screen; Page Up/Down always page', () => {
    expect(viewerKey('f', fit)).toEqual({ kind: 'command', command: 'fullscreen' });
    expect(viewerKey('PageUp', zoomed)).toEqual({ kind: 'command', command: 'previous' });
    expect(viewerKey('PageDown', zoomed)).toEqual({ kind: 'command', command: 'next' });
  });

  it('arrows page at fit and pan when zoomed', () => {
    expect(viewerKey('ArrowLeft', fit)).toEqual({ kind: 'command', command: 'previous' });
    expect(viewerKey('ArrowRight', fit)).toEqual({ kind: 'command', command: 'next' });
    expect(viewerKey('ArrowUp', fit)).toBeNull();
    expect(viewerKey('ArrowRight', zoomed)).toEqual({
      kind: 'state',
      action: { type: 'panBy', dx: -PAN_STEP, dy: 0 },
    });
    expect(viewerKey('ArrowDown', zoomed)).toEqual({
      kind: 'state',
      action: { type: 'panBy', dx: 0, dy: -PAN_STEP },
    });
  });

  it('leaves other keys alone (Escape belongs to the dialog, Tab to focus)', () => {
    for (const key of ['Escape', 'Tab', 'Enter', ' ', 'a']) expect(viewerKey(key, fit)).toBeNull();
  });
});
