import { randomUUID } from 'node:crypto';
import { rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

export const THUMB_WIDTH = 320;

/**
 * Makes the 320 px wide JPEG thumbnail of a stored photo, written to a temporary file and renamed
 * into place, so a reader never sees half of it. Turned upright by its EXIF orientation; metadata
 * (GPS included) is not copied. Resolves with its size; rejects when the image cannot be decoded.
 */
export async function makeThumbnail(
  source: string,
  target: string,
  tmpDir: string,
): Promise<number> {
  const { default: sharp } = await import('sharp');
  const temporary = join(tmpDir, `${randomUUID()}.thumb.part`);
  try {
    await sharp(source, { limitInputPixels: 100_000_000 })
      .rotate()
      .resize({ width: THUMB_WIDTH, withoutEnlargement: true })
      .jpeg({ quality: 80 })
      .toFile(temporary);
    const { size } = await stat(temporary);
    await rename(temporary, target);
    return size;
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
