import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sha256Schema, type PhotoContentType } from '../../shared/domain/photo';
import { ApiFailure } from '../errors';
import { matchesSignature, SIGNATURE_BYTES } from './magic';

/** The field app's photos are a few MB; 15 MB leaves room for high-resolution cameras. */
export const DEFAULT_PHOTO_MAX_BYTES = 15 * 1024 * 1024;

export interface PutPhoto {
  /** The hash the client claims; the bytes must hash to it or nothing is kept. */
  sha256: string;
  contentType: PhotoContentType;
  maxBytes: number;
}

export interface StoredPhoto {
  sizeBytes: number;
  /** False when the same bytes were already stored (the upload was deduplicated). */
  created: boolean;
}

/** Counts, hashes and checks the signature while bytes pass through to the temporary file. */
class Inspector extends Transform {
  readonly hash = createHash('sha256');
  size = 0;
  private head = Buffer.alloc(0);
  private headChecked = false;

  constructor(
    private readonly contentType: PhotoContentType,
    private readonly maxBytes: number,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      done(new ApiFailure(413, 'too_large', `A photo may have at most ${this.maxBytes} bytes`));
      return;
    }
    if (!this.headChecked) {
      this.head = Buffer.concat([this.head, chunk]);
      if (this.head.length >= SIGNATURE_BYTES) {
        const failure = this.checkHead();
        if (failure) return done(failure);
      }
    }
    this.hash.update(chunk);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    // A file shorter than the longest signature is decided on what there is.
    done(this.headChecked ? null : this.checkHead());
  }

  private checkHead(): ApiFailure | null {
    this.headChecked = true;
    if (matchesSignature(this.contentType, this.head)) return null;
    return new ApiFailure(
      415,
      'unsupported_media_type',
      `The bytes are not a ${this.contentType} image`,
    );
  }
}

/**
 * Content-addressed photo files: `<dir>/ab/cdef…` by SHA-256 hex. Paths come only from a hash
 * that passed `sha256Schema`, so no client text ever reaches the file system.
 */
export class PhotoStore {
  constructor(readonly dir: string) {}

  pathOf(sha256: string): string {
    const hash = sha256Schema.parse(sha256);
    return join(this.dir, hash.slice(0, 2), hash.slice(2));
  }

  /**
   * Streams `source` into a temporary file in the store (same file system, so the final rename is
   * atomic and readers never see half a photo), hashing as it goes. A hash other than the claimed
   * one, a wrong signature or too many bytes leave nothing behind.
   */
  async put(source: Readable, spec: PutPhoto): Promise<StoredPhoto> {
    const target = this.pathOf(spec.sha256);
    await mkdir(this.dir, { recursive: true });
    const temporary = join(this.dir, `.incoming-${randomUUID()}`);
    const inspector = new Inspector(spec.contentType, spec.maxBytes);
    try {
      await pipeline(source, inspector, createWriteStream(temporary, { flags: 'wx' }));
      const actual = inspector.hash.digest('hex');
      if (actual !== spec.sha256) {
        throw new ApiFailure(
          400,
          'hash_mismatch',
          `The bytes hash to ${actual}, not to the SHA-256 in the URL`,
        );
      }
      if (inspector.size === 0) throw new ApiFailure(400, 'invalid_input', 'The photo is empty');
      if (await exists(target)) {
        await unlink(temporary);
        return { sizeBytes: inspector.size, created: false };
      }
      await mkdir(join(this.dir, spec.sha256.slice(0, 2)), { recursive: true });
      // A concurrent upload of the same bytes may rename first; replacing identical content is
      // harmless.
      await rename(temporary, target);
      return { sizeBytes: inspector.size, created: true };
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  /** Size of a stored photo, or null when its file is missing. */
  async sizeOf(sha256: string): Promise<number | null> {
    try {
      return (await stat(this.pathOf(sha256))).size;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  /** The bytes `start`..`end` (inclusive) of a stored photo. */
  read(sha256: string, start: number, end: number): ReadStream {
    return createReadStream(this.pathOf(sha256), { start, end });
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
