import { describe, expect, it, vi } from 'vitest';
import { backendFromEnv } from '../../../src/main/electron/config';

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

  it('refuses a half-given or malformed configuration instead of falling back to the demo', () => {
    expect(() => backendFromEnv({ KVUE_SERVER_URL: 'http://127.0.0.1:4100' })).toThrow(
      /KVUE_USERNAME and KVUE_PASSWORD/,
    );
    expect(() =>
      backendFromEnv({ KVUE_SERVER_URL: 'not a url', KVUE_USERNAME: 'a', KVUE_PASSWORD: 'b' }),
    ).toThrow(/not a URL/);
    expect(() =>
      backendFromEnv({ KVUE_SERVER_URL: 'ftp://server', KVUE_USERNAME: 'a', KVUE_PASSWORD: 'b' }),
    ).toThrow(/http\(s\)/);
  });
});
