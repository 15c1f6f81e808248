import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { PhotoVariant } from '../../shared/contract/photo-calls';
import type { PhotoCacheDb } from './cache-db';
import type { PhotoTarget } from './hash';
import type { PhotoPaths } from './paths';

/** A verified photo file, opened and checked, ready to stream. */
export interface OpenedPhoto {
  contentType: string;
  size: number;
  /** Streams the file once and closes it at the end. */
  stream(): Readable;
  /** Closes it without streaming (HEAD). */
  close(): Promise<void>;
}

/** What both transports serve photos from: `kvue-photo://` in Electron, `/photo/` in the host. */
export interface PhotoFiles {
  /** The photo's file, or null (→ 404) for anything that is not a stored, verified photo. */
  open(target: PhotoTarget): Promise<OpenedPhoto | null>;
}

export interface ResolverDeps {
  cache: PhotoCacheDb;
  paths: PhotoPaths;
  /** A photo was served: it counts as recently used. */
  onUsed(sha256: string): void;
  /** The file is missing or its size is not the recorded one: it has to be fetched or made again. */
  onDamaged(sha256: string, variant: PhotoVariant): void;
}

// Not on Windows; elsewhere a symlink planted in the cache folder is not followed.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);

/**
 * Resolves a parsed hash to its cache file: only when the cache says it is stored and verified,
 * only at the path built from the hash, and only when the open file still has the recorded size.
 * Hashes are not recomputed per request; they were checked before the file was renamed into place.
 */
export function createPhotoResolver(deps: ResolverDeps): PhotoFiles {
  return {
    async open({ sha256, variant }) {
      const row = deps.cache.lookupStored(sha256);
      if (!row) return null;
      if (variant === 'thumb' && row.thumb !== 'made') return null;
      const expected = variant === 'thumb' ? row.thumbBytes : row.bytes;
      const path = variant === 'thumb' ? deps.paths.thumb(sha256) : deps.paths.original(sha256);

      let file: FileHandle;
      try {
        file = await open(path, OPEN_FLAGS);
      } catch {
        deps.onDamaged(sha256, variant);
        return null;
      }
      // Checked on the open handle, so the file measured is the file streamed.
      const info = await file.stat().catch(() => null);
      if (!info?.isFile() || info.size !== expected) {
        await file.close();
        deps.onDamaged(sha256, variant);
        return null;
      }
      deps.onUsed(sha256);
      return {
        contentType: variant === 'thumb' ? 'image/jpeg' : row.contentType,
        size: info.size,
        stream: () => file.createReadStream({ autoClose: true }),
        close: () => file.close(),
      };
    },
  };
}
