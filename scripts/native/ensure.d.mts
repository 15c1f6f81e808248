import type { ElectronTarget } from './paths.mjs';

export interface BuildRequest {
  /** A private copy of better-sqlite3 to build in. */
  packageDir: string;
  /** The installed package (node_modules/better-sqlite3). */
  sourceDir: string;
  target: ElectronTarget;
  log: (line: string) => void;
}

export interface EnsureOptions {
  /** The checkout: the folder with package.json and node_modules. */
  root: string;
  log?: (line: string) => void;
  /** Leaves build/Release/better_sqlite3.node in `packageDir`. */
  build?: (request: BuildRequest) => Promise<void>;
  /** Defaults: the installed Electron, this platform and architecture. */
  target?: Partial<ElectronTarget>;
}

export function ensureElectronNative(
  options: EnsureOptions,
): Promise<{ path: string; built: boolean }>;
export function buildForElectron(request: BuildRequest): Promise<void>;
