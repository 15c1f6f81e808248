import { join } from 'node:path';
import { isPhotoHash } from './hash';

/**
 * The cache folder's layout, content-addressed like the server's store:
 *
 * - `<dir>/<aa>/<sha256>` the verified photo, `<dir>/<aa>/<sha256>.thumb.jpg` its thumbnail;
 * - `<dir>/tmp/` downloads in progress (same file system, so the final rename is atomic);
 * - `<dir>/quarantine/` a few files whose bytes did not match their hash, kept for support.
 *
 * Paths are built only from a hash that passed the strict check, never from request text.
 */
export class PhotoPaths {
  constructor(readonly dir: string) {}

  get tmpDir(): string {
    return join(this.dir, 'tmp');
  }

  get quarantineDir(): string {
    return join(this.dir, 'quarantine');
  }

  shardDir(sha256: string): string {
    return join(this.dir, checked(sha256).slice(0, 2));
  }

  original(sha256: string): string {
    return join(this.shardDir(sha256), sha256);
  }

  thumb(sha256: string): string {
    return join(this.shardDir(sha256), `${sha256}.thumb.jpg`);
  }
}

function checked(sha256: string): string {
  if (!isPhotoHash(sha256)) throw new Error('Not a photo hash');
  return sha256;
}
