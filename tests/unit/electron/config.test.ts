import { describe, expect, it, vi } from 'vitest';
import {
  backendFromEnv,
  DEFAULT_IDLE_LOCK_MINUTES,
  idleLockMinutesFromEnv,
  retentionDaysFromEnv,
} from '../../../src/main/electron/config';

vi.mock('electron', () => ({}));

describe('backendFromEnv', () => {
  it('runs the demo when no server is configured', () => {
    expect(backendFromEnv({})).toEqual({ kind: 'demo' });
    expect(backendFromEnv({ KVUE_SERVER_URL: '  ', KVUE_USERNAME: 'x' })).toEqual({
      kind: 'demo',
    });
  });

  it('uses the configured server with the credentials from the environment', () => {
    expect(
      backendFromEnv({
        KVUE_SERVER_URL: 'https://kvue.example.de/',
        KVUE_USERNAME: 'm.mueller',
        KVUE_PASSWORD: 'geheim',
      }),
    ).toEqual({
      kind: 'remote',
      serverUrl: 'https://kvue.example.de',
      credentials: { username: 'm.mueller', password: 'geheim' },
    });
  });

  it('without credentials leaves the sign-in to the login screen', () => {
    expect(backendFromEnv({ KVUE_SERVER_URL: 'https://kvue.example.de' })).toEqual({
      kind: 'remote',
      serverUrl: 'https://kvue.example.de',
    });
  });

  it('refuses a half-given or malformed configuration instead of falling back to the demo', () => {
    expect(() =>
      backendFromEnv({ KVUE_SERVER_URL: 'http://127.0.0.1:4100', KVUE_USERNAME: 'm.mueller' }),
    ).toThrow(/KVUE_USERNAME and KVUE_PASSWORD/);
    expect(() =>
      backendFromEnv({ KVUE_SERVER_URL: 'http://127.0.0.1:4100', KVUE_PASSWORD: 'geheim' }),
    ).toThrow(/KVUE_USERNAME and KVUE_PASSWORD/);
    expect(() =>
      backendFromEnv({ KVUE_SERVER_URL: 'not a url', KVUE_USERNAME: 'a', KVUE_PASSWORD: 'b' }),
    ).toThrow(/not a URL/);
    expect(() =>
      backendFromEnv({ KVUE_SERVER_URL: 'ftp://server', KVUE_USERNAME: 'a', KVUE_PASSWORD: 'b' }),
    ).toThrow(/http\(s\)/);
  });
});

describe('idleLockMinutesFromEnv', () => {
  it('locks after the default time unless configured, and 0 turns it off', () => {
    expect(idleLockMinutesFromEnv({})).toBe(DEFAULT_IDLE_LOCK_MINUTES);
    expect(idleLockMinutesFromEnv({ KVUE_IDLE_LOCK_MINUTES: ' 5 ' })).toBe(5);
    expect(idleLockMinutesFromEnv({ KVUE_IDLE_LOCK_MINUTES: '0' })).toBe(0);
  });

  it('refuses what is not whole minutes within a day', () => {
    for (const text of ['-1', '2.5', 'zehn', '1e3', '1441']) {
      expect(() => idleLockMinutesFromEnv({ KVUE_IDLE_LOCK_MINUTES: text })).toThrow(
        /KVUE_IDLE_LOCK_MINUTES/,
      );
    }
  });
});

describe('retentionDaysFromEnv', () => {
  it('keeps closed cases a month unless configured, 0 for the server rule alone', () => {
    expect(retentionDaysFromEnv({})).toBe(30);
    expect(retentionDaysFromEnv({ KVUE_RETENTION_DAYS: '90' })).toBe(90);
    expect(retentionDaysFromEnv({ KVUE_RETENTION_DAYS: '0' })).toBe(0);
    expect(() => retentionDaysFromEnv({ KVUE_RETENTION_DAYS: 'ein Jahr' })).toThrow(
      /KVUE_RETENTION_DAYS must be whole days/,
    );
  });
});
