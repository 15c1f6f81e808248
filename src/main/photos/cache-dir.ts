import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';

export interface PhotoDir {
  dir: string;
  /** Removes the folder if it was made only for this run (':memory:' database). */
  dispose(): Promise<void>;
}

/**
 * The cache folder: the one given, else `<db name>-photos` next to the database file (so the demo
 * database and a real one never share a cache), else, for an in-memory database, a temporary
 * folder that goes with it.
 */
export async function photoDirFor(dbPath: string, photoDir?: string): Promise<PhotoDir> {
  if (photoDir !== undefined) return { dir: resolve(photoDir), dispose: async () => undefined };
  if (dbPath === ':memory:' || dbPath === '') {
    const dir = await mkdtemp(join(tmpdir(), 'kvue-photo-cache-'));
    return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
  }
  const file = resolve(dbPath);
  const dir = join(dirname(file), `${basename(file, extname(file))}-photos`);
  return { dir, dispose: async () => undefined };
}
