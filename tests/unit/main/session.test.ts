import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { FileVault, MemoryVault, type StoredSession } from '../../../src/main/session/vault';
import { checkVerifier, makeVerifier } from '../../../src/main/session/verifier';
import { ServerSession, SignedOutError } from '../../../src/main/sync/session';
import { OfflineError } from '../../../src/main/sync/feed-client';

// Nothing listens here: whatever works in these tests works without the server.
const NO_SERVER = 'http://127.0.0.1:9';

async function storedSession(password: string): Promise<StoredSession> {
  return {
    version: 1,
    serverUrl: NO_SERVER,
    username: 'm.mueller',
    user: { id: 'u-1', username: 'm.mueller', displayName: 'Maria Müller', role: 'clerk' },
    refreshToken: `refresh-${'0123456789'.repeat(6)}`,
    refreshExpiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    verifier: await makeVerifier(password),
  };
}

describe('password verifier', () => {
  it('accepts the password it was made from and nothing else', async () => {
    const verifier = await makeVerifier('Sommer2026!');
    expect(await checkVerifier(verifier, 'Sommer2026!')).toBe(true);
    expect(await checkVerifier(verifier, 'sommer2026!')).toBe(false);
    expect(await checkVerifier(verifier, '')).toBe(false);
    expect(JSON.stringify(verifier)).not.toContain('Sommer2026');
  });
});

describe('session vault file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kvue-vault-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const reversing = {
    encrypt: (plain: string) => Buffer.from(plain).reverse(),
    decrypt: (sealed: Buffer) => Buffer.from(sealed).reverse().toString(),
  };

  it('keeps only what the cipher sealed, and reads it back', async () => {
    const path = join(dir, 'a.bin');
    const stored = await storedSession('pw');
    new FileVault(path, reversing).save(stored);
    expect(readFileSync(path).includes(stored.refreshToken)).toBe(false);
    expect(new FileVault(path, reversing).load()).toEqual(stored);
  });

  it('treats a damaged or foreign file as no session and removes it', () => {
    const path = join(dir, 'b.bin');
    writeFileSync(path, 'not sealed by us');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(new FileVault(path, reversing).load()).toBeNull();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('could not be read'));
    warn.mockRestore();
    expect(() => readFileSync(path)).toThrow();
  });
});

describe('server session without a server', () => {
  it('starts locked from a stored session and unlocks with the password, offline', async () => {
    const vault = new MemoryVault();
    vault.save(await storedSession('Sommer2026!'));
    const session = new ServerSession(NO_SERVER, { vault });
    expect(session.info()).toMatchObject({
      state: 'locked',
      username: 'm.mueller',
      displayName: 'Maria Müller',
    });
    await expect(session.accessToken()).rejects.toBeInstanceOf(SignedOutError);

    expect((await session.unlock('Sommer2026!')).refused).toBeNull();
    expect(session.info().state).toBe('signed_in');
    // Signed in, but the server is away: an ordinary offline error that sync waits out.
    const offline = await session.accessToken().catch((error: unknown) => error);
    expect(offline).toBeInstanceOf(OfflineError);
    expect(offline).not.toBeInstanceOf(SignedOutError);
    expect(session.info().state).toBe('signed_in');
  });

  it('ignores a stored session of another server', async () => {
    const vault = new MemoryVault();
    vault.save({ ...(await storedSession('pw')), serverUrl: 'https://other.example' });
    expect(new ServerSession(NO_SERVER, { vault }).info().state).toBe('signed_out');
  });

  it('a sign-in while the server is away is refused as offline, leaving the session signed out', async () => {
    const session = new ServerSession(NO_SERVER);
    const attempt = await session.signIn('m.mueller', 'pw');
    expect(attempt.refused).toEqual({ reason: 'offline', retryAfterSeconds: null });
    expect(session.info().state).toBe('signed_out');
  });

  it('lock forgets the configured password when it never got to log in', async () => {
    const session = new ServerSession(NO_SERVER, {
      credentials: { username: 'm.mueller', password: 'pw' },
    });
    expect(session.info().state).toBe('signed_in');
    session.lock();
    // Nothing stored to unlock with: the clerk signs in again rather than the password staying.
    expect(session.info()).toMatchObject({ state: 'signed_out', username: null });
  });
});
