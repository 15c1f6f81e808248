import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resolveNativeBinding } from '../../../src/main/electron/native-binding';

vi.mock('electron', () => ({}));

let root: string;
const target = { electronVersion: '45.5.0', platform: 'linux', arch: 'x64' };
const expected = () =>
  join(root, '.native', 'better-sqlite3', 'electron-v45.5.0-linux-x64', 'better_sqlite3.node');

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'kvue-binding-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('resolveNativeBinding', () => {
  it('leaves a packaged app to its rebuilt node_modules', () => {
    expect(resolveNativeBinding({ ...target, isPackaged: true, appPath: root })).toBeUndefined();
  });

  it('points an unpackaged app at the Electron build in .native', async () => {
    await mkdir(dirname(expected()), { recursive: true });
    await writeFile(expected(), 'binary');
    expect(resolveNativeBinding({ ...target, isPackaged: false, appPath: root })).toBe(expected());
  });

  it('says how to get the build when it is missing', () => {
    expect(() => resolveNativeBinding({ ...target, isPackaged: false, appPath: root })).toThrow(
      /npm start/,
    );
  });
});
