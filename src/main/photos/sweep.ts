import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { PhotoCacheDb } from './cache-db';
import type { PhotoPaths } from './paths';

const SHARD = /^[0-9a-f]{2}$/;
const FILE = /^([0-9a-f]{64})(\.thumb\.jpg)?$/;

/**
 * Run once at start: removes unfinished downloads and any file the cache does not list as stored
 * (a crash between a rename and its database row, an eviction that could not delete). Only names
 * of the cache's own form are touched; the quarantine stays.
 */
export async function sweepCacheFolder(cache: PhotoCacheDb, paths: PhotoPaths): Promise<number> {
  await rm(paths.tmpDir, { recursive: true, force: true });
  let removed = 0;
  const shards = await readdir(paths.dir).catch(() => [] as string[]);
  for (const shard of shards) {
    if (!SHARD.test(shard)) continue;
    const names = await readdir(join(paths.dir, shard)).catch(() => [] as string[]);
    for (const name of names) {
      const match = FILE.exec(name);
      if (!match?.[1] || !match[1].startsWith(shard)) continue;
      if (cache.keeps(match[1], match[2] ? 'thumb' : 'original')) continue;
      await rm(join(paths.dir, shard, name), { force: true });
      removed++;
    }
  }
  return removed;
}
