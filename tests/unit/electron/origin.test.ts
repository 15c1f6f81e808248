import { describe, expect, it, vi } from 'vitest';
import { rendererOrigin } from '../../../src/main/electron/origin';

vi.mock('electron', () => ({}));

describe('rendererOrigin', () => {
  it('serves the built renderer from app://kvue', () => {
    const origin = rendererOrigin();
    expect(origin.entryUrl).toBe('app://kvue/index.html');
    expect(origin.devServer).toBeNull();
    expect(origin.isOwnUrl('app://kvue/index.html')).toBe(true);
    expect(origin.isOwnUrl('app://kvue/assets/index-abc.js')).toBe(true);
    for (const url of [
      'app://kvue.evil/index.html',
      'app://user@kvue/index.html',
      'app://other/',
      'file:///app/out/renderer/index.html',
      'https://kvue/',
      'http://localhost:5173/',
      'not a url',
      '',
    ]) {
      expect(origin.isOwnUrl(url), url).toBe(false);
    }
  });

  it('uses the dev server, and only its exact origin, when given one', () => {
    const origin = rendererOrigin('http://localhost:5173');
    expect(origin.entryUrl).toBe('http://localhost:5173/');
    expect(origin.isOwnUrl('http://localhost:5173/src/main.tsx')).toBe(true);
    for (const url of [
      'http://localhost:5174/',
      'https://localhost:5173/',
      'http://127.0.0.1:5173/',
      'app://kvue/index.html',
    ]) {
      expect(origin.isOwnUrl(url), url).toBe(false);
    }
  });

  it('rejects a dev server URL that is not http(s)', () => {
    expect(() => rendererOrigin('file:///tmp/index.html')).toThrow(/ELECTRON_RENDERER_URL/);
    expect(() => rendererOrigin('localhost:5173')).toThrow(/ELECTRON_RENDERER_URL/);
  });
});
