/**
 * The photo viewer's geometry as a pure reducer, so zoom, pan and rotation can be tested without a
 * browser. Coordinates are CSS pixels relative to the centre of the viewport; `pan` is where the
 * image's centre sits. `zoom` is relative to "fit" (1 = the whole rotated image fits the viewport).
 */

export interface Size {
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

export type Rotation = 0 | 90 | 180 | 270;

export interface ViewerState {
  zoom: number;
  pan: Point;
  rotation: Rotation;
  viewport: Size;
  /** The image's natural size; zero until it has loaded. */
  image: Size;
}

export const MIN_ZOOM = 1;
export const MAX_ZOOM = 8;
/** One key press or button click; two steps double the size. */
export const ZOOM_STEP = Math.SQRT2;
/** Arrow-key pan in CSS pixels: big enough to matter, small enough to keep one's bearings. */
export const PAN_STEP = 80;

export type ViewerAction =
  | { type: 'zoomBy'; factor: number; at?: Point }
  | { type: 'fit' }
  | { type: 'panBy'; dx: number; dy: number }
  | { type: 'rotate' }
  | { type: 'viewport'; size: Size }
  | { type: 'image'; size: Size }
  /** Another photo: its own geometry, nothing carried over. */
  | { type: 'reset' };

export const INITIAL_VIEWER_STATE: ViewerState = {
  zoom: 1,
  pan: { x: 0, y: 0 },
  rotation: 0,
  viewport: { width: 0, height: 0 },
  image: { width: 0, height: 0 },
};

/** The image's bounding box after rotation, at natural size. */
function rotatedImage(state: Pick<ViewerState, 'image' | 'rotation'>): Size {
  const quarter = state.rotation === 90 || state.rotation === 270;
  return quarter ? { width: state.image.height, height: state.image.width } : { ...state.image };
}

/** Scale from natural size to "fit"; never enlarges a small photo beyond its pixels at fit. */
export function fitScale(state: Pick<ViewerState, 'image' | 'rotation' | 'viewport'>): number {
  const box = rotatedImage(state);
  if (box.width <= 0 || box.height <= 0 || state.viewport.width <= 0) return 1;
  return Math.min(1, state.viewport.width / box.width, state.viewport.height / box.height);
}

/** The scale applied to the image's natural size. */
export function displayScale(state: ViewerState): number {
  return fitScale(state) * state.zoom;
}

export function isZoomed(state: ViewerState): boolean {
  return state.zoom > MIN_ZOOM + 1e-6;
}

/** Keeps the image covering the viewport where it is larger, and centred where it is smaller. */
export function clampPan(state: ViewerState, pan: Point): Point {
  const box = rotatedImage(state);
  const scale = displayScale(state);
  const maxX = Math.max(0, (box.width * scale - state.viewport.width) / 2);
  const maxY = Math.max(0, (box.height * scale - state.viewport.height) / 2);
  const clamp = (value: number, max: number) => Math.min(max, Math.max(-max, value)) + 0;
  return { x: clamp(pan.x, maxX), y: clamp(pan.y, maxY) };
}

function withPan(state: ViewerState, pan: Point): ViewerState {
  return { ...state, pan: clampPan(state, pan) };
}

const NEXT_ROTATION: Record<Rotation, Rotation> = { 0: 90, 90: 180, 180: 270, 270: 0 };

export function viewerReducer(state: ViewerState, action: ViewerAction): ViewerState {
  switch (action.type) {
    case 'zoomBy': {
      const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, state.zoom * action.factor));
      if (zoom === state.zoom) return state;
      // The point under the pointer stays under the pointer: scale its offset from the image centre.
      const at = action.at ?? { x: 0, y: 0 };
      const ratio = zoom / state.zoom;
      const pan = {
        x: at.x - (at.x - state.pan.x) * ratio,
        y: at.y - (at.y - state.pan.y) * ratio,
      };
      return withPan({ ...state, zoom }, pan);
    }
    case 'fit':
      return { ...state, zoom: MIN_ZOOM, pan: { x: 0, y: 0 } };
    case 'panBy':
      return withPan(state, { x: state.pan.x + action.dx, y: state.pan.y + action.dy });
    case 'rotate':
      return withPan({ ...state, rotation: NEXT_ROTATION[state.rotation] }, state.pan);
    case 'viewport':
      return withPan({ ...state, viewport: action.size }, state.pan);
    case 'image':
      return withPan({ ...state, image: action.size }, state.pan);
    case 'reset':
      return { ...INITIAL_VIEWER_STATE, viewport: state.viewport };
  }
}

/** The CSS transform of an image placed with its centre at the viewport's centre. */
export function imageTransform(state: ViewerState): string {
  const scale = displayScale(state);
  return `translate(-50%, -50%) translate(${state.pan.x}px, ${state.pan.y}px) rotate(${state.rotation}deg) scale(${scale})`;
}

/** What a key does in the viewer; commands are handled by the dialog, not the geometry. */
export type ViewerKeyResult =
  | { kind: 'state'; action: ViewerAction }
  | { kind: 'command'; command: 'previous' | 'next' | 'fullscreen' };

/**
 * The viewer's keyboard map. Arrows pan a zoomed photo and page through photos otherwise, so the
 * same keys are useful in both situations; Page Up/Down always page.
 */
export function viewerKey(key: string, state: ViewerState): ViewerKeyResult | null {
  const zoomed = isZoomed(state);
  const act = (action: ViewerAction): ViewerKeyResult => ({ kind: 'state', action });
  const command = (name: 'previous' | 'next' | 'fullscreen'): ViewerKeyResult => ({
    kind: 'command',
    command: name,
  });
  switch (key) {
    case '+':
    case '=':
      return act({ type: 'zoomBy', factor: ZOOM_STEP });
    case '-':
    case '_':
      return act({ type: 'zoomBy', factor: 1 / ZOOM_STEP });
    case '0':
      return act({ type: 'fit' });
    case 'r':
    case 'R':
      return act({ type: 'rotate' });
    case 'f':
    case 'F':
      return command('fullscreen');
    case 'PageUp':
      return command('previous');
    case 'PageDown':
      return command('next');
    // Moving the view right means the image moves left: arrows move the view, like a scroll bar.
    case 'ArrowLeft':
      return zoomed ? act({ type: 'panBy', dx: PAN_STEP, dy: 0 }) : command('previous');
    case 'ArrowRight':
      return zoomed ? act({ type: 'panBy', dx: -PAN_STEP, dy: 0 }) : command('next');
    case 'ArrowUp':
      return zoomed ? act({ type: 'panBy', dx: 0, dy: PAN_STEP }) : null;
    case 'ArrowDown':
      return zoomed ? act({ type: 'panBy', dx: 0, dy: -PAN_STEP }) : null;
    default:
      return null;
  }
}
