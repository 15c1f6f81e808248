import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  electronBindingDir,
  electronBindingPath,
  electronBindingStampPath,
  electronTargetName,
} from '../../../scripts/native/paths.mjs';

const target = { electronVersion: '45.5.0', platform: 'win32', arch: 'x64' };

describe('native binding paths', () => {
  it('names the build by Electron version, platform and architecture', () => {
    expect(electronTargetName(target)).toBe('electron-v45.5.0-win32-x64');
    expect(
      electronTargetName({ electronVersion: '46.0.0-beta.3', platform: 'darwin', arch: 'arm64' }),
    ).toBe('electron-v46.0.0-beta.3-darwin-arm64');
  });

  it('keeps the build in .native beside node_modules', () => {
    const root = join('/', 'work', 'kvue-desk');
    const dir = join(root, '.native', 'better-sqlite3', 'electron-v45.5.0-win32-x64');
    expect(electronBindingDir(root, target)).toBe(dir);
    expect(electronBindingPath(root, target)).toBe(join(dir, 'better_sqlite3.node'));
    expect(electronBindingStampPath(root, target)).toBe(join(dir, 'build.json'));
  });

  it('refuses parts that could leave the folder', () => {
    for (const bad of [
      { ...target, electronVersion: '../../etc' },
      { ...target, electronVersion: '' },
      { ...target, platform: 'win32/../..' },
      { ...target, arch: 'x64\\..' },
    ]) {
      expect(() => electronBindingPath('/root', bad), JSON.stringify(bad)).toThrow();
    }
  });
});
