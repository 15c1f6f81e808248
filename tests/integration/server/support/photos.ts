import { createHash, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PhotoStore } from '../../../../src/server/blobs/photo-store';

/**
 * For apps built only to list their routes: the store creates its folder on the first upload,
 * and these apps never get one.
 */
export const UNUSED_PHOTOS = new PhotoStore(join(tmpdir(), 'kvue-photos-never-written'));

/** A JPEG as far as the server looks: the SOI marker and a random rest, unique per call. */
export function jpegBytes(size = 2048): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(size - 4)]);
}

export function pngBytes(size = 2048): Buffer {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, randomBytes(size - signature.length)]);
}

export function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export interface Upload {
  caseId: string;
  takenAt?: string;
  lat?: string;
  lon?: string;
  contentType?: string;
  /** The hash in the URL; default the bytes' own. */
  sha256?: string;
}

export function uploadPhoto(
  baseUrl: string,
  token: string | undefined,
  bytes: Buffer,
  upload: Upload,
): Promise<Response> {
  const url = new URL(`/field/photos/${upload.sha256 ?? sha256Of(bytes)}`, baseUrl);
  url.searchParams.set('caseId', upload.caseId);
  url.searchParams.set('takenAt', upload.takenAt ?? new Date(Date.now() - 30_000).toISOString());
  if (upload.lat !== undefined) url.searchParams.set('lat', upload.lat);
  if (upload.lon !== undefined) url.searchParams.set('lon', upload.lon);
  return fetch(url, {
    method: 'PUT',
    headers: {
      'content-type': upload.contentType ?? 'image/jpeg',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: new Uint8Array(bytes),
  });
}
