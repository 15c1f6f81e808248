// @ts-check
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { electronBindingPath, electronBindingStampPath, electronTargetName } from './paths.mjs';

/** @typedef {import('./paths.mjs').ElectronTarget} ElectronTarget */
/**
 * @typedef {object} BuildRequest
 * @property {string} packageDir a private copy of better-sqlite3 to build in
 * @property {string} sourceDir the installed package (node_modules/better-sqlite3)
 * @property {ElectronTarget} target
 * @property {(line: string) => void} log
 */
/**
 * @typedef {object} EnsureOptions
 * @property {string} root the checkout (the folder with package.json and node_modules)
 * @property {(line: string) => void} [log]
 * @property {(request: BuildRequest) => Promise<void>} [build] leaves build/Release/better_sqlite3.node in packageDir
 * @property {Partial<ElectronTarget>} [target] defaults: installed Electron, this platform and arch
 */

/**
 * @param {string} root
 * @param {string} name
 * @returns {Promise<{ dir: string; version: string }>}
 */
async function installedPackage(root, name) {
  const dir = join(root, 'node_modules', name);
  let manifest;
  try {
    manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
  } catch {
    throw new Error(`${name} is not installed in ${join(root, 'node_modules')} (run npm install)`);
  }
  if (typeof manifest.version !== 'string')
    throw new Error(`${name}'s package.json has no version`);
  return { dir, version: manifest.version };
}

/**
 * @param {string} binary
 * @param {string} stamp
 * @param {string} sqliteVersion
 */
async function isCurrent(binary, stamp, sqliteVersion) {
  const info = await stat(binary).catch(() => null);
  if (!info?.isFile() || info.size === 0) return false;
  try {
    const built = JSON.parse(await readFile(stamp, 'utf8'));
    return built.betterSqlite3 === sqliteVersion;
  } catch {
    return false;
  }
}

/**
 * Copy under a temporary name, then rename: a crash or a second `npm start` never leaves a
 * half-written binary where the app would load it.
 *
 * @param {string} to
 * @param {(path: string) => Promise<void>} write
 */
async function placeAtomically(to, write) {
  const partial = `${to}.${process.pid}.partial`;
  try {
    await write(partial);
    await rename(partial, to);
  } finally {
    await rm(partial, { force: true });
  }
}

/**
 * Makes sure a better-sqlite3 binary built for the installed Electron exists beside
 * node_modules (which keeps the Node build the tests use). Does nothing when it is already there.
 *
 * @param {EnsureOptions} options
 * @returns {Promise<{ path: string; built: boolean }>}
 */
export async function ensureElectronNative(options) {
  const log = options.log ?? ((line) => console.log(`[native] ${line}`));
  const build = options.build ?? buildForElectron;
  const electron = await installedPackage(options.root, 'electron');
  const sqlite = await installedPackage(options.root, 'better-sqlite3');
  /** @type {ElectronTarget} */
  const target = {
    electronVersion: options.target?.electronVersion ?? electron.version,
    platform: options.target?.platform ?? process.platform,
    arch: options.target?.arch ?? process.arch,
  };
  const binary = electronBindingPath(options.root, target);
  const stamp = electronBindingStampPath(options.root, target);
  const shown = relative(options.root, binary);
  const what = `better-sqlite3 ${sqlite.version} for ${electronTargetName(target)}`;

  if (await isCurrent(binary, stamp, sqlite.version)) {
    log(`${what} is ready (${shown})`);
    return { path: binary, built: false };
  }

  log(`${what} is missing; building it once (node_modules keeps the Node build for the tests)`);
  const work = await mkdtemp(join(tmpdir(), 'kvue-better-sqlite3-'));
  try {
    const packageDir = join(work, 'better-sqlite3');
    const ownBuild = join(sqlite.dir, 'build');
    // The Node build stays behind: a stale build/ could be mistaken for the Electron one.
    await cp(sqlite.dir, packageDir, {
      recursive: true,
      filter: (source) => source !== ownBuild && !source.startsWith(ownBuild + sep),
    });
    await build({ packageDir, sourceDir: sqlite.dir, target, log });
    const built = join(packageDir, 'build', 'Release', 'better_sqlite3.node');
    if (!existsSync(built)) {
      throw new Error('the build finished without producing build/Release/better_sqlite3.node');
    }
    await mkdir(dirname(binary), { recursive: true });
    await placeAtomically(binary, (partial) => cp(built, partial));
    // The stamp goes last: without it the next run rebuilds rather than trusting a binary.
    const record = { betterSqlite3: sqlite.version, ...target, builtAt: new Date().toISOString() };
    await placeAtomically(stamp, (partial) =>
      writeFile(partial, `${JSON.stringify(record, null, 2)}\n`),
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  log(`${what} is ready (${shown})`);
  return { path: binary, built: true };
}

/**
 * @param {string} label what the step is called in an error message
 * @param {string} command
 * @param {string[]} args
 * @param {string} cwd
 * @param {(line: string) => void} log
 * @returns {Promise<void>}
 */
function run(label, command, args, cwd, log) {
  log(`$ ${[command, ...args].join(' ')}`);
  return new Promise((resolve, reject) => {
    // npx is a .cmd on Windows, which Node only starts through a shell.
    const shell = process.platform === 'win32' && command.endsWith('.cmd');
    const child = spawn(command, args, { cwd, stdio: 'inherit', shell });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else
        reject(
          new Error(`${label} failed (${signal ?? `exit code ${code}`}); see its output above`),
        );
    });
  });
}

/** node-gyp as npm runs it, else npm's bundled copy, else whatever npx finds. */
function nodeGypCommand() {
  const nodeDir = dirname(process.execPath);
  const candidates = [
    process.env.npm_config_node_gyp,
    join(
      nodeDir,
      '..',
      'lib',
      'node_modules',
      'npm',
      'node_modules',
      'node-gyp',
      'bin',
      'node-gyp.js',
    ),
    join(nodeDir, 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  const script = candidates.find((path) => path?.endsWith('.js') && existsSync(path));
  if (script) return { command: process.execPath, prefix: [script] };
  return {
    command: process.platform === 'win32' ? 'npx.cmd' : 'npx',
    prefix: ['--yes', 'node-gyp'],
  };
}

/**
 * A prebuilt binary when better-sqlite3 publishes one for this Electron, else a source build
 * against the Electron headers.
 *
 * @param {BuildRequest} request
 * @returns {Promise<void>}
 */
export async function buildForElectron({ packageDir, sourceDir, target, log }) {
  const versionArgs = [`--target=${target.electronVersion}`, `--arch=${target.arch}`];
  try {
    const prebuildInstall = createRequire(join(sourceDir, 'package.json')).resolve(
      'prebuild-install/bin.js',
    );
    await run(
      'prebuild-install',
      process.execPath,
      [prebuildInstall, '--runtime=electron', ...versionArgs, `--platform=${target.platform}`],
      packageDir,
      log,
    );
    return;
  } catch (error) {
    log(`no prebuilt binary: ${error instanceof Error ? error.message : String(error)}`);
  }
  log('building from source against the Electron headers (needs Python and a C++ toolchain)');
  const gyp = nodeGypCommand();
  await run(
    'node-gyp (source build)',
    gyp.command,
    [
      ...gyp.prefix,
      'rebuild',
      '--release',
      ...versionArgs,
      '--dist-url=https://electronjs.org/headers',
      // Kept apart from Node's headers, which node-gyp would otherwise file under the same version.
      `--devdir=${join(homedir(), '.electron-gyp')}`,
    ],
    packageDir,
    log,
  );
}
