/**
 * Electron fuses for packaged builds, flipped on the packed executable by electron-builder's
 * `afterPack` hook (`after-pack.cjs`). Fuses are baked into the binary, so neither an
 * environment variable nor a command-line switch can turn a packaged console into a Node.js
 * runtime or a debugging target, and only the signed app archive is loaded.
 */
import { join } from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion, type FuseConfig } from '@electron/fuses';

export const FUSES = {
  version: FuseVersion.V1,
  // ELECTRON_RUN_AS_NODE would make the signed binary run any script.
  [FuseV1Options.RunAsNode]: false,
  // Cookies (the browser host never runs packaged; still) encrypted with the OS key.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS could preload code into the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect and friends would open a debugger on the main process.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // The app archive must match the hash electron-builder embeds (Windows and macOS).
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // No loose app folder next to the archive is ever loaded instead of it.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // file:// gets no more than a web page would; the app uses app:// and kvue-photo://.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
} satisfies FuseConfig;

/** What electron-builder's afterPack hook is given, as far as this needs. */
export interface PackContext {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: { appInfo: { productFilename: string }; executableName?: string };
}

/** The packed Electron executable (the .app bundle on macOS), where the fuses live. */
export function packedExecutable(context: PackContext): string {
  const name = context.packager.appInfo.productFilename;
  switch (context.electronPlatformName) {
    case 'win32':
      return join(context.appOutDir, `${name}.exe`);
    case 'darwin':
    case 'mas':
      return join(context.appOutDir, `${name}.app`);
    default:
      return join(context.appOutDir, context.packager.executableName ?? name);
  }
}

export async function afterPack(
  context: PackContext,
  flip: typeof flipFuses = flipFuses,
): Promise<void> {
  const darwin =
    context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  await flip(packedExecutable(context), {
    ...FUSES,
    // Flipping invalidates an ad-hoc signature; arm64 macOS refuses to start unsigned binaries.
    ...(darwin ? { resetAdHocDarwinSignature: true } : {}),
  });
}
