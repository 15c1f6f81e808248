import { existsSync, renameSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse, join } from 'node:path';

/** Log files kept besides the current one: about a week of a busy desk at 5 MB each. */
export const LOG_GENERATIONS = 5;
export const LOG_MAX_BYTES = 5 * 1024 * 1024;

function generation(path: string, n: number): string {
  const { dir, name, ext } = parse(path);
  return join(dir, `${name}.${n}${ext}`);
}

/**
 * Moves `main.log` to `main.1.log`, `main.1.log` to `main.2.log` and so on, dropping the oldest
 * beyond `keep`. Synchronous, as electron-log's archive hook must be: the next line is written
 * right after it returns.
 */
export function rotateLogFiles(path: string, keep = LOG_GENERATIONS): void {
  rmSync(generation(path, keep), { force: true });
  for (let n = keep - 1; n >= 1; n -= 1) {
    const from = generation(path, n);
    if (existsSync(from)) renameSync(from, generation(path, n + 1));
  }
  if (existsSync(path)) renameSync(path, generation(path, 1));
}

/** The last lines of a log file, reading at most its last `maxBytes`, never the whole file. */
export async function readLogTail(
  path: string,
  lines: number,
  maxBytes = 256 * 1024,
): Promise<string[]> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  try {
    const { size } = await handle.stat();
    const start = Math.max(0, size - maxBytes);
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    const all = buffer.toString('utf8').split(/\r?\n/);
    // The first line is cut in the middle when the read started inside it.
    if (start > 0) all.shift();
    if (all.at(-1) === '') all.pop();
    return all.slice(-lines);
  } finally {
    await handle.close();
  }
}
