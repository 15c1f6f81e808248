// @ts-check
// Run by `npm start` before electron-vite: provides better-sqlite3 built for Electron without
// touching node_modules, so `npm test` (Node) and `npm start` (Electron) both work on one checkout.
// Usage: node scripts/native/ensure-electron-native.mjs [--root=<checkout>]
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronNative } from './ensure.mjs';

const rootArg = process.argv.slice(2).find((arg) => arg.startsWith('--root='));
const root = rootArg
  ? resolve(rootArg.slice('--root='.length))
  : resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

try {
  await ensureElectronNative({ root });
} catch (error) {
  const reason = error instanceof Error ? error.message : String(error);
  console.error(`[native] Could not provide better-sqlite3 for Electron: ${reason}`);
  console.error(
    '[native] The first `npm start` on a machine downloads a prebuilt binary (github.com) or ' +
      'the Electron headers (electronjs.org); a source build also needs Python and a C++ ' +
      'toolchain. Connect to the network (or set a proxy) and run `npm start` again. ' +
      '`npm test` does not need this step.',
  );
  process.exitCode = 1;
}
