/**
 * Renders `resources/icon.svg` into the raster icons electron-builder packs (`npm run icons`).
 * The results are committed, so a release build needs neither sharp nor this script; run it again
 * whenever the SVG changes.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pngToIco from 'png-to-ico';
import sharp from 'sharp';

export const ICON_SIZES = {
  /** Window and taskbar fallback, and the source other platforms' icons would be made from. */
  png: 512,
  /**
   * Every size Windows asks for between 100 % and 200 % display scaling (title bar, taskbar,
   * Explorer views, shortcuts); electron-builder refuses an .ico without 256.
   */
  ico: [16, 24, 32, 48, 64, 128, 256],
} as const;

export interface IconPaths {
  svg: string;
  png: string;
  ico: string;
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function iconPaths(resourcesDir = join(repoRoot, 'resources')): IconPaths {
  return {
    svg: join(resourcesDir, 'icon.svg'),
    png: join(resourcesDir, 'icon.png'),
    ico: join(resourcesDir, 'icon.ico'),
  };
}

/**
 * One square PNG rendered straight from the vectors at that size: scaling a single large bitmap
 * down blurs the thin ring and the bar at 16 and 24 pixels.
 */
export async function renderPng(svg: Buffer, size: number): Promise<Buffer> {
  const { width } = await sharp(svg).metadata();
  if (!width) throw new Error('icon.svg has no width or viewBox');
  // librsvg rasterises at 72 dpi; scaling the density renders at the target size.
  const density = (72 * size) / width;
  return sharp(svg, { density })
    .resize(size, size, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } })
    .png()
    .toBuffer();
}

export async function writeIcons(paths: IconPaths = iconPaths()): Promise<IconPaths> {
  const svg = await readFile(paths.svg);
  await writeFile(paths.png, await renderPng(svg, ICON_SIZES.png));
  const layers = await Promise.all(ICON_SIZES.ico.map((size) => renderPng(svg, size)));
  await writeFile(paths.ico, await pngToIco(layers));
  return paths;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeIcons().then(
    (written) => console.log(`[icons] wrote ${written.png} and ${written.ico}`),
    (error: unknown) => {
      console.error('[icons] failed:', error);
      process.exitCode = 1;
    },
  );
}
