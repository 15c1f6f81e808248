// @ts-check
import { join } from 'node:path';

/**
 * Where the better-sqlite3 build for Electron lives in a checkout. node_modules keeps the Node
 * build for the tests; the Electron build sits beside it, one folder per Electron version,
 * platform and architecture, so `npm test` and `npm start` never fight over one file.
 *
 * Plain JavaScript on purpose: `npm start` runs the ensure script with bare `node`, and the main
 * process imports this same file (the bundler inlines it), so the formula exists exactly once.
 */

/** @typedef {{ electronVersion: string; platform: string; arch: string }} ElectronTarget */

const VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;
const WORD = /^[a-z0-9_]+$/;

/**
 * @param {ElectronTarget} target
 * @returns {string}
 */
export function electronTargetName(target) {
  // These end up in a path; anything unexpected would be a bug, not something to escape.
  if (!VERSION.test(target.electronVersion)) {
    throw new Error(`Not an Electron version: ${JSON.stringify(target.electronVersion)}`);
  }
  if (!WORD.test(target.platform) || !WORD.test(target.arch)) {
    throw new Error(`Not a platform/arch: ${JSON.stringify(`${target.platform}-${target.arch}`)}`);
  }
  return `electron-v${target.electronVersion}-${target.platform}-${target.arch}`;
}

/**
 * @param {string} root the checkout (the folder with package.json)
 * @param {ElectronTarget} target
 * @returns {string}
 */
export function electronBindingDir(root, target) {
  return join(root, '.native', 'better-sqlite3', electronTargetName(target));
}

/**
 * @param {string} root
 * @param {ElectronTarget} target
 * @returns {string}
 */
export function electronBindingPath(root, target) {
  return join(electronBindingDir(root, target), 'better_sqlite3.node');
}

/**
 * Records which better-sqlite3 version the binary was built from, so that upgrading the package
 * triggers a rebuild instead of loading a binary that no longer matches its JavaScript.
 *
 * @param {string} root
 * @param {ElectronTarget} target
 * @returns {string}
 */
export function electronBindingStampPath(root, target) {
  return join(electronBindingDir(root, target), 'build.json');
}
