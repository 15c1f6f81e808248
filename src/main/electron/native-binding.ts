import { existsSync } from 'node:fs';
import { electronBindingPath } from '../../../scripts/native/paths.mjs';

export interface NativeBindingContext {
  isPackaged: boolean;
  /** The checkout in development (`app.getAppPath()`). */
  appPath: string;
  electronVersion: string;
  platform: string;
  arch: string;
}

/**
 * The better-sqlite3 binary for this Electron, or undefined when node_modules' own build is the
 * right one. Unpackaged, node_modules holds the Node build (for the tests) and the Electron build
 * sits in .native/, put there by `npm start`; a packaged app has node_modules rebuilt for
 * Electron by the packager.
 */
export function resolveNativeBinding(context: NativeBindingContext): string | undefined {
  if (context.isPackaged) return undefined;
  const path = electronBindingPath(context.appPath, context);
  if (!existsSync(path)) {
    // Loading the Node build instead would fail with an opaque NODE_MODULE_VERSION error.
    throw new Error(
      `better-sqlite3 for Electron ${context.electronVersion} is missing (${path}). ` +
        'Start the app with `npm start`, or run `node scripts/native/ensure-electron-native.mjs`.',
    );
  }
  return path;
}
