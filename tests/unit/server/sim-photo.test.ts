import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  makeCasePhoto,
  photoSvg,
  photoTimestamp,
  type PhotoScene,
} from '../../../src/server/sim/photo';

const scene: PhotoScene = {
  plate: 'M-AB 1234',
  vehicleColor: 'blau',
  street: 'Sendlinger Straße',
  houseNumber: '12a',
  district: 1,
  offenceCode: 'P102',
  takenAt: '2026-03-14T08:41:07.000Z',
  index: 0,
  count: 3,
  seed: 42,
};

describe('case photos', () => {
  it('stamp the time in Munich time', () => {
    expect(photoTimestamp('2026-03-14T08:41:07.000Z')).toBe('14.03.2026 09:41:07');
    expect(photoTimestamp('2026-07-01T22:05:00.000Z')).toBe('02.07.2026 00:05:00');
  });

  it('show the plate, street with house number and time in every framing', () => {
    for (const index of [0, 1, 2]) {
      const svg = photoSvg({ ...scene, index });
      expect(svg).toContain('>M AB 1234<');
      expect(svg).toContain('Sendlinger Straße 12a');
      expect(svg).toContain('14.03.2026 09:41:07');
      expect(svg).toContain(`Foto ${index + 1}/3`);
    }
  });

  it('escape text for the SVG', () => {
    expect(photoSvg({ ...scene, street: 'A & B <Weg>' })).toContain('A &amp; B &lt;Weg&gt; 12a');
  });

  it('render as JPEG whose hash is the lowercase SHA-256 of the bytes', async () => {
    const photo = await makeCasePhoto(scene);
    const meta = await sharp(photo.bytes).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.width).toBe(photo.width);
    expect(meta.height).toBe(photo.height);
    expect(photo.width).toBeGreaterThan(0);
    expect(photo.sha256).toBe(createHash('sha256').update(photo.bytes).digest('hex'));
    expect(photo.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(photo.bytes.length).toBeLessThan(200_000);
  });

  it('are the same bytes for the same scene and differ between cases', async () => {
    const [a, again, other, close] = await Promise.all([
      makeCasePhoto(scene),
      makeCasePhoto(scene),
      makeCasePhoto({ ...scene, plate: 'M-AB 1235' }),
      makeCasePhoto({ ...scene, index: 1 }),
    ]);
    expect(again.sha256).toBe(a.sha256);
    expect(other.sha256).not.toBe(a.sha256);
    expect(close.sha256).not.toBe(a.sha256);
  });
});
