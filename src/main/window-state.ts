import { readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const coordinate = z.number().int().min(-100_000).max(100_000);
const size = z.number().int().min(1).max(100_000);

export const windowStateSchema = z.object({
  x: coordinate,
  y: coordinate,
  width: size,
  height: size,
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof windowStateSchema>;

export interface WindowLimits {
  defaultWidth: number;
  defaultHeight: number;
  minWidth: number;
  minHeight: number;
}

/** A window must show at least this much of its title bar on a screen to be grabbed and moved. */
const VISIBLE_MIN = { width: 200, height: 40 };

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * Where the window opens: where it was, if that is still on a screen (a docking station gone, a
 * monitor rearranged), shrunk to the screen it is on; otherwise centred on the primary screen.
 */
export function placeWindow(
  saved: WindowState | null,
  workAreas: readonly Rect[],
  limits: WindowLimits,
): { bounds: Rect; maximized: boolean } {
  const primary = workAreas[0] ?? {
    x: 0,
    y: 0,
    width: limits.defaultWidth,
    height: limits.defaultHeight,
  };
  if (saved) {
    // The title bar is the strip that must stay reachable.
    const titleBar = { x: saved.x, y: saved.y, width: saved.width, height: VISIBLE_MIN.height };
    const screen = workAreas.find((area) => {
      const seen = overlap(titleBar, area);
      return (
        seen.width >= Math.min(VISIBLE_MIN.width, saved.width) && seen.height >= VISIBLE_MIN.height
      );
    });
    if (screen) {
      const width = clamp(saved.width, limits.minWidth, screen.width);
      const height = clamp(saved.height, limits.minHeight, screen.height);
      return {
        bounds: {
          x: clamp(saved.x, screen.x, screen.x + screen.width - width),
          y: clamp(saved.y, screen.y, screen.y + screen.height - height),
          width,
          height,
        },
        maximized: saved.maximized,
      };
    }
  }
  // The screen it was on is gone: the size the clerk chose, on the main screen.
  const width = clamp(saved?.width ?? limits.defaultWidth, limits.minWidth, primary.width);
  const height = clamp(saved?.height ?? limits.defaultHeight, limits.minHeight, primary.height);
  return {
    bounds: {
      x: primary.x + Math.round((primary.width - width) / 2),
      y: primary.y + Math.round((primary.height - height) / 2),
      width,
      height,
    },
    maximized: saved?.maximized ?? false,
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(value, Math.max(min, max)));
}

/** The saved state, or null when there is none or it is damaged (then the default place serves). */
export function readWindowState(path: string): WindowState | null {
  try {
    const parsed = windowStateSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function writeWindowState(path: string, state: WindowState): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(state), 'utf8');
  await rename(temp, path);
}
