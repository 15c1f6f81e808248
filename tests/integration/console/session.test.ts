import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../../src/shared/contract';
import type { NewCase } from '../../../src/shared/domain/case';
import { startMainApp, type MainApp } from '../../../src/main/app';
import { FileVault, type SecretCipher } from '../../../src/main/session/vault';
import { UNLOCK_ATTEMPTS_MAX } from '../../../src/main/sync/session';
import { demoLogin, startServer } from '../../../src/server';
import { ILLUSTRATIVE_OFFENCES } from '../../../src/server/cases/offence-catalogue';
import { call, waitFor } from './support/calls';

type Server = Awaited<ReturnType<typeof startServer>>;

/**
 * Stands in for safeStorage: a real cipher (AES-GCM with a key only this test knows), so the file
 * on disk is as unreadable as the OS would leave it and a test can look for leaks in it.
 */
function testCipher(): SecretCipher {
  const key = randomBytes(32);
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString();
    },
  };
}

const newCase = (plate: string): NewCase => ({
  id: randomUUID(),
  plate,
  vehicleMake: 'Opel',
  vehicleColor: 'Rot',
  offenceCode: ILLUSTRATIVE_OFFENCES[0]?.code ?? 'P101',
  street: 'Leopoldstraße',
  houseNumber: '12',
  district: 4,
  lat: 48.16,
  lon: 11.58,
  observedAt: new Date().toISOString(),
});

async function plateCount(app: MainApp, plate: string): Promise<number> {
  const page = await call(app, 'cases.queue', {
    view: 'all',
    search: plate,
    withTotal: true,
    offset: 0,
    limit: 10,
  });
  return page.total ?? 0;
}

describe('signing in, locking and signing out against the real server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kvue-session-'));
  const clerk = demoLogin('clerk');
  const cipher = testCipher();
  const vaultPath = join(dir, 'session.bin');
  let server: Server;

  beforeAll(async () => {
    server = await startServer({ seed: { cases: 20 } });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = (name: string) =>
    startMainApp({
      dbPath: join(dir, `${name}.sqlite`),
      serverUrl: server.url,
      vault: new FileVault(vaultPath, cipher),
      idleLockMinutes: 7,
    });

  it('opens signed out, refuses a wrong password, and syncs once the clerk signs in', async () => {
    const app = await start('login');
    try {
      expect(await call(app, 'session.info', {})).toMatchObject({
        state: 'signed_out',
        username: null,
        idleLockMinutes: 7,
      });
      const wrong = await call(app, 'session.signIn', {
        username: clerk.username,
        password: 'falsch',
      });
      expect(wrong.refused).toEqual({ reason: 'invalid_credentials', retryAfterSeconds: null });
      expect(wrong.session.state).toBe('signed_out');
      expect(existsSync(vaultPath)).toBe(false);

      const right = await call(app, 'session.signIn', clerk);
      expect(right.refused).toBeNull();
      expect(right.session).toMatchObject({ state: 'signed_in', username: clerk.username });
      await waitFor(async () => expect((await call(app, 'sync.status', {})).caseCount).toBe(20));

      // What is kept for the next start is sealed: neither password nor token readable on disk.
      const onDisk = readFileSync(vaultPath);
      expect(onDisk.includes(clerk.password)).toBe(false);
      const stored = new FileVault(vaultPath, cipher).load();
      expect(stored?.username).toBe(clerk.username);
      expect(onDisk.includes(stored?.refreshToken ?? 'missing')).toBe(false);
      expect(onDisk.includes(clerk.username)).toBe(false);
    } finally {
      await app.close();
    }
  });

  it('after a restart opens locked, unlocks with the password, then catches up', async () => {
    const app = await start('login');
    try {
      expect(await call(app, 'session.info', {})).toMatchObject({
        state: 'locked',
        username: clerk.username,
      });
      // Locked: nothing is pulled, since no token is decrypted.
      await server.createCase(newCase('M-LK 1001'));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await plateCount(app, 'M-LK 1001')).toBe(0);

      const wrong = await call(app, 'session.unlock', { password: 'falsch' });
      expect(wrong.refused?.reason).toBe('wrong_password');
      expect(wrong.session.state).toBe('locked');

      const unlocked = await call(app, 'session.unlock', { password: clerk.password });
      expect(unlocked.refused).toBeNull();
      expect(unlocked.session.state).toBe('signed_in');
      await waitFor(async () => expect(await plateCount(app, 'M-LK 1001')).toBe(1));
    } finally {
      await app.close();
    }
  });

  it('a lock stops sync at once and tells the renderer', async () => {
    const app = await start('login');
    const changes: SessionInfo[] = [];
    app.onEvent((name, payload) => {
      if (name === 'session.changed') changes.push(payload as SessionInfo);
    });
    try {
      await call(app, 'session.unlock', { password: clerk.password });
      await waitFor(async () => expect((await call(app, 'sync.status', {})).state).toBe('idle'));
      const locked = await call(app, 'session.lock', {});
      expect(locked.state).toBe('locked');
      expect(changes.map((c) => c.state)).toEqual(['signed_in', 'locked']);
      await server.createCase(newCase('M-LK 1002'));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await plateCount(app, 'M-LK 1002')).toBe(0);
      expect((await call(app, 'sync.status', {})).state).toBe('offline');
    } finally {
      await app.close();
    }
  });

  it(`ends the session after ${UNLOCK_ATTEMPTS_MAX} wrong passwords at the lock screen`, async () => {
    const app = await start('login');
    try {
      for (let attempt = 1; attempt < UNLOCK_ATTEMPTS_MAX; attempt += 1) {
        const result = await call(app, 'session.unlock', { password: `falsch-${attempt}` });
        expect(result.refused?.reason).toBe('wrong_password');
      }
      const last = await call(app, 'session.unlock', { password: 'falsch-last' });
      expect(last.refused?.reason).toBe('too_many_attempts');
      expect(last.session).toMatchObject({
        state: 'signed_out',
        username: null,
        ended: 'unlock_failed',
      });
      expect(existsSync(vaultPath)).toBe(false);
      // Even the right password no longer unlocks: only a full sign-in helps.
      const late = await call(app, 'session.unlock', { password: clerk.password });
      expect(late.session.state).toBe('signed_out');
    } finally {
      await app.close();
    }
  });

  it('signing out revokes the login at the server and takes no more work', async () => {
    const app = await start('signout');
    try {
      await call(app, 'session.signIn', clerk);
      await waitFor(async () => expect((await call(app, 'sync.status', {})).caseCount).toBe(22));
      const stored = new FileVault(vaultPath, cipher).load();
      expect(stored).not.toBeNull();

      const signedOut = await call(app, 'session.signOut', {});
      expect(signedOut).toMatchObject({ state: 'signed_out', username: null });
      expect(existsSync(vaultPath)).toBe(false);
      const reuse = await fetch(new URL('/auth/refresh', server.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken: stored?.refreshToken }),
      });
      expect(reuse.status).toBe(401);

      // Nobody to record it for: the last login's identity is not borrowed.
      const queue = await call(app, 'cases.queue', { view: 'all', offset: 0, limit: 1 });
      const first = queue.rows[0];
      if (!first) throw new Error('the queue is empty');
      await expect(call(app, 'work.claim', { caseId: first.id })).rejects.toThrow();
    } finally {
      await app.close();
    }
  });
});
