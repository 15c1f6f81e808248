import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface QuarantineLimits {
  /** At most this many files are kept … */
  maxFiles: number;
  /** … and at most this many bytes; the oldest go first. */
  maxBytes: number;
}

export const DEFAULT_QUARANTINE: QuarantineLimits = { maxFiles: 20, maxBytes: 100 * 1024 * 1024 };

/**
 * Moves a download whose bytes did not match its hash out of the way, named by the hash it
 * should have had and the one it had, so support can look at it. Never served: the resolver only
 * reads `<dir>/<aa>/<sha256>`. Capped, so a server sending garbage cannot fill the disk.
 */
export async function quarantine(
  dir: string,
  file: string,
  names: { expected: string; actual: string },
  limits: QuarantineLimits = DEFAULT_QUARANTINE,
): Promise<void> {
  await mkdir(dir, { recursive: true });
  const target = join(dir, `${Date.now()}-${names.expected}-got-${names.actual.slice(0, 16)}.bin`);
  try {
    await rename(file, target);
  } catch {
    await rm(file, { force: true });
    return;
  }
  await trim(dir, limits);
}

async function trim(dir: string, limits: QuarantineLimits): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const files = (
    await Promise.all(
      names.map(async (name) => {
        const info = await stat(join(dir, name)).catch(() => null);
        return info?.isFile() ? { name, size: info.size, mtime: info.mtimeMs } : null;
      }),
    )
  ).filter((file) => file !== null);
  // Newest first; what no longer fits goes.
  files.sort((a, b) => b.mtime - a.mtime || b.name.localeCompare(a.name));
  let count = 0;
  let bytes = 0;
  for (const file of files) {
    count++;
    bytes += file.size;
    if (count > limits.maxFiles || bytes > limits.maxBytes) {
      await rm(join(dir, file.name), { force: true });
    }
  }
}
