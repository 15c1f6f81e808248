import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { OfflineError, UnauthorizedError } from '../sync/feed-client';

/** The server answered, but not with the photo (404 not there yet, 403 not ours, …): counts. */
export class PhotoUnavailableError extends Error {
  override name = 'PhotoUnavailableError';
}

export interface Downloaded {
  /** The temporary file with what arrived; the caller keeps it (rename) or moves it away. */
  path: string;
  sha256: string;
  bytes: number;
}

export interface DownloadOptions {
  serverUrl: string;
  token: string;
  sha256: string;
  expectedBytes: number;
  tmpDir: string;
  signal: AbortSignal;
  /** A connection that sends nothing for this long is given up (and tried again later). */
  idleTimeoutMs: number;
}

/**
 * GET /photos/:sha256, streamed into a fresh temporary file while hashing. Resolves with what was
 * received (`bytes` counts past the cut-off) and what the kept bytes hash to; whether that is the
 * photo is the caller's decision. Never writes outside `tmpDir`, nor more than `expectedBytes`.
 */
export async function downloadPhoto(options: DownloadOptions): Promise<Downloaded> {
  const idle = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => idle.abort(), options.idleTimeoutMs);
  };
  const signal = AbortSignal.any([options.signal, idle.signal]);
  arm();

  const url = new URL(`/photos/${options.sha256}`, options.serverUrl);
  const path = join(options.tmpDir, `${options.sha256}.${randomUUID()}.part`);
  try {
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { authorization: `Bearer ${options.token}` },
        signal,
        redirect: 'error',
      });
    } catch (error) {
      throw networkError(error, options.signal);
    }
    if (response.status === 401) {
      await response.body?.cancel();
      throw new UnauthorizedError('Photo: 401');
    }
    if (response.status >= 500 || response.status === 429) {
      await response.body?.cancel();
      throw new OfflineError(`Photo: server answered ${response.status}`);
    }
    if (response.status !== 200 || !response.body) {
      await response.body?.cancel();
      throw new PhotoUnavailableError(`server answered ${response.status}`);
    }

    await mkdir(options.tmpDir, { recursive: true });
    const hash = createHash('sha256');
    let bytes = 0;
    const file = await open(path, 'wx');
    try {
      for await (const chunk of response.body) {
        arm();
        const room = options.expectedBytes - bytes;
        bytes += chunk.length;
        // Never more than announced on disk: keep what fits (for the quarantine) and stop.
        const kept = chunk.length > room ? chunk.subarray(0, Math.max(0, room)) : chunk;
        hash.update(kept);
        await file.write(kept);
        if (kept !== chunk) break;
      }
      await file.sync();
    } catch (error) {
      throw networkError(error, options.signal);
    } finally {
      await file.close();
    }
    return { path, sha256: hash.digest('hex'), bytes };
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** A cut or stalled connection is "offline": try again later, without counting an attempt. */
function networkError(error: unknown, outer: AbortSignal): Error {
  if (outer.aborted) return error instanceof Error ? error : new Error(String(error));
  if (error instanceof OfflineError || error instanceof UnauthorizedError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new OfflineError(`Photo download interrupted: ${message}`, { cause: error });
}
