/**
 * What electron-builder will pack, read from node_modules the way Node resolves it, so the
 * packaging test checks the real dependency tree rather than a list kept beside the config.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';

interface PackageJson {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** One installed package: its name and its folder relative to the project, in `/` form. */
export interface InstalledPackage {
  name: string;
  path: string;
}

function readPackageJson(dir: string): PackageJson {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
}

function resolvePackageDir(name: string, from: string, root: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === root || dirname(dir) === dir) return undefined;
  }
}

/**
 * The packages `names` need at run time, with everything they depend on. Optional dependencies
 * count: sharp's binaries for this platform are one. Those not installed here are skipped.
 */
export function dependencyClosure(root: string, names: Iterable<string>): InstalledPackage[] {
  const found = new Map<string, string>();
  const queue: Array<[string, string]> = [...names].map((name) => [name, root]);
  for (let next = queue.shift(); next; next = queue.shift()) {
    const [name, from] = next;
    const dir = resolvePackageDir(name, from, root);
    if (!dir || found.has(dir)) continue;
    found.set(dir, name);
    const pkg = readPackageJson(dir);
    for (const dependency of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) {
      queue.push([dependency, dir]);
    }
  }
  return [...found].map(([dir, name]) => ({
    name,
    path: relative(root, dir).split('\\').join('/'),
  }));
}

/** Compiled code or its build recipe: none of it can be loaded from inside an asar archive. */
const NATIVE_FILE = /(\.node|\.dll|\.dylib|\.so(\.\d+)*)$|^binding\.gyp$/;

export function hasNativeCode(dir: string): boolean {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    if (entry.isDirectory() ? hasNativeCode(join(dir, entry.name)) : NATIVE_FILE.test(entry.name)) {
      return true;
    }
  }
  return false;
}

const SPECIFIER =
  /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;
const SOURCE_FILE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;

/** The npm packages the files under `dirs` import by name (not relative paths or Node's own). */
export function importedPackages(dirs: string[]): Set<string> {
  const packages = new Set<string>();
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (SOURCE_FILE.test(entry.name)) {
        for (const match of readFileSync(path, 'utf8').matchAll(SPECIFIER)) {
          const specifier = match[1] ?? '';
          if (specifier.startsWith('.') || specifier.startsWith('node:')) continue;
          const parts = specifier.split('/');
          const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? '');
          if (!builtinModules.includes(name)) packages.add(name);
        }
      }
    }
  };
  dirs.forEach(visit);
  return packages;
}

/**
 * The folder a `<folder>/**` glob stands for, with a trailing slash. Other shapes throw, so that a
 * new kind of pattern makes the test fail instead of silently matching nothing.
 */
export function globFolder(pattern: string): string {
  const folder = pattern.replace(/^!/, '').replace(/\/\*\*$/, '/');
  if (!folder.endsWith('/') || /[*?{}[\]]/.test(folder)) {
    throw new Error(`only "<folder>/**" patterns are understood here, not "${pattern}"`);
  }
  return folder;
}

export function coveredBy(path: string, patterns: string[]): boolean {
  return patterns.some((pattern) => `${path}/`.startsWith(globFolder(pattern)));
}
