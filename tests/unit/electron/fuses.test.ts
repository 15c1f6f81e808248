import { createRequire } from 'node:module';
import { join } from 'node:path';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { describe, expect, it, vi } from 'vitest';
import {
  afterPack,
  FUSES,
  packedExecutable,
  type PackContext,
} from '../../../scripts/packaging/fuses';

const context = (platform: string): PackContext => ({
  appOutDir: '/dist/win-unpacked',
  electronPlatformName: platform,
  arch: 1,
  // What electron-builder.yml gives: `executableName` becomes the product file name too.
  packager: { appInfo: { productFilename: 'kvue-desk' }, executableName: 'kvue-desk' },
});

describe('Electron fuses for packaged builds', () => {
  it('turn off running as Node, NODE_OPTIONS and inspect, and load only the checked archive', () => {
    expect(FUSES).toEqual({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
  });

  it('are flipped on the packed executable of each platform', async () => {
    expect(packedExecutable(context('win32'))).toBe(join('/dist/win-unpacked', 'kvue-desk.exe'));
    expect(packedExecutable(context('linux'))).toBe(join('/dist/win-unpacked', 'kvue-desk'));
    expect(packedExecutable(context('darwin'))).toBe(join('/dist/win-unpacked', 'kvue-desk.app'));

    const flip = vi.fn(async () => 1);
    await afterPack(context('win32'), flip);
    expect(flip).toHaveBeenCalledWith(join('/dist/win-unpacked', 'kvue-desk.exe'), FUSES);
    await afterPack(context('darwin'), flip);
    expect(flip).toHaveBeenLastCalledWith(join('/dist/win-unpacked', 'kvue-desk.app'), {
      ...FUSES,
      resetAdHocDarwinSignature: true,
    });
  });

  it('the hook electron-builder loads is plain JavaScript that reaches the TypeScript', async () => {
    const hook = createRequire(import.meta.url)('../../../scripts/packaging/after-pack.cjs') as (
      context: PackContext,
    ) => Promise<void>;
    // No packed app here: flipping must fail on the very executable path the TypeScript names.
    await expect(hook(context('win32'))).rejects.toThrow(/kvue-desk\.exe|win-unpacked/);
  });
});
