import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readLogTail, rotateLogFiles } from '../../../src/main/logging/rotate';

describe('log rotation', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kvue-logs-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the newest generations and drops the oldest', () => {
    const file = join(dir, 'main.log');
    for (let run = 1; run <= 7; run += 1) {
      writeFileSync(file, `run ${run}\n`);
      rotateLogFiles(file, 3);
    }
    expect(existsSync(file)).toBe(false);
    expect(readFileSync(join(dir, 'main.1.log'), 'utf8')).toBe('run 7\n');
    expect(readFileSync(join(dir, 'main.2.log'), 'utf8')).toBe('run 6\n');
    expect(readFileSync(join(dir, 'main.3.log'), 'utf8')).toBe('run 5\n');
    expect(existsSync(join(dir, 'main.4.log'))).toBe(false);
  });

  it('reads the last lines without a cut first line, and nothing from a missing file', async () => {
    const file = join(dir, 'main.log');
    expect(await readLogTail(file, 10)).toEqual([]);
    const lines = Array.from({ length: 1000 }, (_, i) => `[info] line ${i}`);
    writeFileSync(file, `${lines.join('\r\n')}\r\n`);
    expect(await readLogTail(file, 3)).toEqual([
      '[info] line 997',
      '[info] line 998',
      '[info] line 999',
    ]);
    const tail = await readLogTail(file, 5000, 100);
    expect(tail.every((line) => line.startsWith('[info] line '))).toBe(true);
    expect(tail.at(-1)).toBe('[info] line 999');
  });
});
