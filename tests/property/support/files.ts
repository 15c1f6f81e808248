import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Every file below `dir` (relative paths, sorted): what a photo folder really holds. */
export async function filesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}
