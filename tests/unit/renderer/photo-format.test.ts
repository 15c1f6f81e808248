import { describe, expect, it } from 'vitest';
import type { CasePhoto } from '../../../src/shared/contract/photo-calls';
import {
  formatBytes,
  formatContentType,
  formatCoordinates,
  isHashMismatch,
  photoDisplay,
  shortHash,
  thumbVariant,
} from '../../../src/renderer/features/photos/photo-format';

const photo = (overrides: Partial<CasePhoto> = {}): CasePhoto => ({
  sha256: 'a'.repeat(56) + '12345678',
  caseId: '0b6f7a2e-4f43-4c1b-9a43-2a4c2b1e9f10',
  takenAt: '2026-11-27T08:41:07.000Z',
  lat: 48.163,
  lon: 11.586,
  sizeBytes: 81_234,
  contentType: 'image/jpeg',
  uploadedBy: 'officer-01',
  state: 'stored',
  verified: true,
  thumbnail: true,
  attempts: 0,
  error: null,
  ...overrides,
});

describe('photo metadata formatting', () => {
  it('formats sizes the German way, in decimal units', () => {
    expect(formatBytes(512, 'de')).toBe('512 B');
    expect(formatBytes(81_234, 'de')).toBe('81 kB');
    expect(formatBytes(1_436_000, 'de')).toBe('1,4 MB');
    expect(formatBytes(1_436_000, 'en')).toBe('1.4 MB');
  });

  it('formats coordinates with a decimal comma and German compass letters', () => {
    expect(formatCoordinates(48.163, 11.586, 'de')).toBe('48,16300° N, 11,58600° O');
    expect(formatCoordinates(-33.5, -70.25, 'en')).toBe('33.50000° S, 70.25000° W');
  });

  it('shortens the hash to its ends and names the type', () => {
    expect(shortHash(photo().sha256)).toBe('aaaaaaaa…12345678');
    expect(formatContentType('image/png')).toBe('PNG');
  });
});

describe('what the strip may show of a photo', () => {
  it('shows an image only when stored and verified', () => {
    expect(photoDisplay(photo())).toBe('verified');
    expect(thumbVariant(photo())).toBe('thumb');
    expect(thumbVariant(photo({ thumbnail: false }))).toBe('original');
    expect(photoDisplay(photo({ verified: false }))).toBe('unverified');
    expect(thumbVariant(photo({ verified: false }))).toBeNull();
  });

  it('tells waiting, retrying and failed apart, never with an image', () => {
    const queued = photo({ state: 'queued', verified: false, thumbnail: false });
    expect(photoDisplay(queued)).toBe('pending');
    expect(photoDisplay({ ...queued, state: 'downloading' })).toBe('pending');
    expect(photoDisplay({ ...queued, error: 'Hash mismatch', attempts: 1 })).toBe('retrying');
    expect(photoDisplay({ ...queued, state: 'failed', error: 'Hash mismatch' })).toBe('failed');
    expect(isHashMismatch('Hash mismatch: received 10 of 10 bytes')).toBe(true);
    expect(isHashMismatch('HTTP 503')).toBe(false);
    expect(isHashMismatch(null)).toBe(false);
    for (const state of ['queued', 'downloading', 'failed'] as const) {
      expect(thumbVariant({ ...queued, state, thumbnail: true, verified: true })).toBeNull();
    }
  });
});
