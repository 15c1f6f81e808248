import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ensureElectronNative, type BuildRequest } from '../../../scripts/native/ensure.mjs';
import { electronBindingPath, electronBindingStampPath } from '../../../scripts/native/paths.mjs';

const target = { electronVersion: '45.5.0', platform: process.platform, arch: process.arch };
let root: string;

/** A checkout with just the manifests the script reads. */
async function fakeCheckout(sqliteVersion = '12.11.1') {
  const electron = join(root, 'node_modules', 'electron');
  const sqlite = join(root, 'node_modules', 'better-sqlite3');
  await mkdir(electron, { recursive: true });
  await mkdir(join(sqlite, 'build', 'Release'), { recursive: true });
  await mkdir(join(sqlite, 'src'), { recursive: true });
  await writeFile(join(electron, 'package.json'), JSON.stringify({ version: '45.5.0' }));
  await writeFile(join(sqlite, 'package.json'), JSON.stringify({ version: sqliteVersion }));
  await writeFile(join(sqlite, 'src', 'better_sqlite3.cpp'), '// source');
  await writeFile(join(sqlite, 'build', 'Release', 'better_sqlite3.node'), 'NODE BUILD');
}

async function placeBuilt(sqliteVersion = '12.11.1') {
  const binary = electronBindingPath(root, target);
  await mkdir(dirname(binary), { recursive: true });
  await writeFile(binary, 'ELECTRON BUILD');
  await writeFile(
    electronBindingStampPath(root, target),
    JSON.stringify({ betterSqlite3: sqliteVersion }),
  );
}

/** Stands in for prebuild-install / node-gyp. */
const fakeBuild = vi.fn(async (request: BuildRequest) => {
  // The copy must not carry node_modules' Node build along.
  expect(existsSync(join(request.packageDir, 'build'))).toBe(false);
  expect(existsSync(join(request.packageDir, 'src', 'better_sqlite3.cpp'))).toBe(true);
  await mkdir(join(request.packageDir, 'build', 'Release'), { recursive: true });
  await writeFile(join(request.packageDir, 'build', 'Release', 'better_sqlite3.node'), 'FRESH');
});

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'kvue-native-'));
  fakeBuild.mockClear();
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('ensureElectronNative', () => {
  it('does nothing when the Electron build is present (fast path)', async () => {
    await fakeCheckout();
    await placeBuilt();
    const log = vi.fn();
    const result = await ensureElectronNative({ root, log, build: fakeBuild });
    expect(result).toEqual({ path: electronBindingPath(root, target), built: false });
    expect(fakeBuild).not.toHaveBeenCalled();
    expect(await readFile(result.path, 'utf8')).toBe('ELECTRON BUILD');
    expect(log).toHaveBeenCalledWith(expect.stringContaining('is ready'));
  });

  it('builds once when missing and places binary and stamp', async () => {
    await fakeCheckout();
    const result = await ensureElectronNative({ root, log: () => {}, build: fakeBuild });
    expect(result.built).toBe(true);
    expect(fakeBuild).toHaveBeenCalledTimes(1);
    expect(fakeBuild.mock.calls[0]?.[0].target).toEqual(target);
    expect(await readFile(result.path, 'utf8')).toBe('FRESH');
    const stamp = JSON.parse(await readFile(electronBindingStampPath(root, target), 'utf8'));
    expect(stamp).toMatchObject({ betterSqlite3: '12.11.1', electronVersion: '45.5.0' });
    // node_modules keeps its Node build, and no temporary file is left beside the binary.
    const nodeBuild = join(
      root,
      'node_modules',
      'better-sqlite3',
      'build',
      'Release',
      'better_sqlite3.node',
    );
    expect(await readFile(nodeBuild, 'utf8')).toBe('NODE BUILD');
    expect((await readdir(dirname(result.path))).sort()).toEqual([
      'better_sqlite3.node',
      'build.json',
    ]);

    const again = await ensureElectronNative({ root, log: () => {}, build: fakeBuild });
    expect(again.built).toBe(false);
    expect(fakeBuild).toHaveBeenCalledTimes(1);
  });

  it('rebuilds after better-sqlite3 was upgraded', async () => {
    await fakeCheckout('12.12.0');
    await placeBuilt('12.11.1');
    const result = await ensureElectronNative({ root, log: () => {}, build: fakeBuild });
    expect(result.built).toBe(true);
    expect(await readFile(result.path, 'utf8')).toBe('FRESH');
  });

  it('leaves nothing behind when the build fails', async () => {
    await fakeCheckout();
    const failing = vi.fn(async () => {
      throw new Error('getaddrinfo ENOTFOUND electronjs.org');
    });
    await expect(ensureElectronNative({ root, log: () => {}, build: failing })).rejects.toThrow(
      /ENOTFOUND/,
    );
    expect(existsSync(electronBindingPath(root, target))).toBe(false);
  });

  it('says what is missing when Electron is not installed', async () => {
    await expect(ensureElectronNative({ root, log: () => {}, build: fakeBuild })).rejects.toThrow(
      /electron is not installed/,
    );
  });
});

describe('ensure-electron-native.mjs', () => {
  const script = resolve('scripts/native/ensure-electron-native.mjs');
  const run = promisify(execFile);

  it('exits at once when the build is present', async () => {
    await fakeCheckout();
    await placeBuilt();
    // The CLI targets the installed Electron on this platform, like the app at run time.
    const { stdout } = await run(process.execPath, [script, `--root=${root}`]);
    expect(stdout).toMatch(/better-sqlite3 12\.11\.1 for electron-v45\.5\.0-.* is ready/);
  });

  it('fails with a clear message and exit code 1', async () => {
    const failure = run(process.execPath, [script, `--root=${root}`]);
    await expect(failure).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Could not provide better-sqlite3 for Electron'),
    });
  });
});
