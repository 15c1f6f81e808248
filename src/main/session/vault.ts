import {
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { z } from 'zod';
import { userSchema } from '../../shared/domain/user';
import { passwordVerifierSchema } from './verifier';

/**
 * What lets a console carry on after a restart or a lock without the password: the refresh token
 * of the last login, who it belongs to, and a check of the password for unlocking. Never written
 * in plain text: the vault encrypts it with the operating system's key (Electron's safeStorage:
 * DPAPI on Windows) or keeps it in memory only.
 */
export const storedSessionSchema = z.object({
  version: z.literal(1),
  serverUrl: z.string(),
  username: z.string(),
  user: userSchema,
  refreshToken: z.string().min(1),
  refreshExpiresAt: z.string(),
  verifier: passwordVerifierSchema,
});
export type StoredSession = z.infer<typeof storedSessionSchema>;

export interface SecretVault {
  /** True when what is saved outlives the process (encrypted on disk). */
  readonly persistent: boolean;
  load(): StoredSession | null;
  save(session: StoredSession): void;
  clear(): void;
}

/** Encryption by a key the operating system keeps for the signed-in Windows user. */
export interface SecretCipher {
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
}

/** Only for the process's lifetime: the browser host, tests, and machines without OS encryption. */
export class MemoryVault implements SecretVault {
  readonly persistent = false;
  private stored: StoredSession | null = null;

  load(): StoredSession | null {
    return this.stored;
  }

  save(session: StoredSession): void {
    this.stored = session;
  }

  clear(): void {
    this.stored = null;
  }
}

/** One encrypted file in the user's profile, replaced atomically so a crash never leaves half. */
export class FileVault implements SecretVault {
  readonly persistent = true;

  constructor(
    private readonly path: string,
    private readonly cipher: SecretCipher,
  ) {}

  load(): StoredSession | null {
    let sealed: Buffer;
    try {
      sealed = readFileSync(this.path);
    } catch {
      return null;
    }
    try {
      const parsed = storedSessionSchema.safeParse(JSON.parse(this.cipher.decrypt(sealed)));
      if (parsed.success) return parsed.data;
    } catch {
      // Another Windows user's file, a damaged one, or one from an older version: not ours to read.
    }
    console.warn('[session] the stored session could not be read; signing in is needed');
    this.clear();
    return null;
  }

  save(session: StoredSession): void {
    const sealed = this.cipher.encrypt(JSON.stringify(storedSessionSchema.parse(session)));
    const temp = `${this.path}.tmp`;
    const fd = openSync(temp, 'w', 0o600);
    try {
      writeSync(fd, sealed);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, this.path);
  }

  clear(): void {
    rmSync(this.path, { force: true });
    rmSync(`${this.path}.tmp`, { force: true });
  }
}
