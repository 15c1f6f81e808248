import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import { FileVault, MemoryVault, type SecretVault } from '../session/vault';

/** The encrypted session file in the user's profile. */
export const SESSION_FILE = 'session.bin';

/**
 * The session vault on this machine: a file encrypted by the operating system (DPAPI on Windows,
 * the keychain on macOS, the secret service on Linux), or, where no real encryption is available
 * (Linux without a keyring falls back to a fixed key, `basic_text`), memory only: then the clerk
 * signs in after every start rather than leaving a readable token on disk.
 */
export function createVault(
  safeStorage: Pick<
    SafeStorage,
    'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
  >,
  options: { userData: string; platform: NodeJS.Platform },
): SecretVault {
  const weak =
    options.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
  if (!safeStorage.isEncryptionAvailable() || weak) {
    console.warn('[session] no OS encryption available; the session is kept in memory only');
    return new MemoryVault();
  }
  return new FileVault(join(options.userData, SESSION_FILE), {
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (sealed) => safeStorage.decryptString(sealed),
  });
}
