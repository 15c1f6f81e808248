import { Readable } from 'node:stream';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createPhotoProtocolHandler,
  registerPhotoProtocol,
  registerPrivilegedSchemes,
} from '../../../src/main/electron/protocol';
import type { OpenedPhoto, PhotoFiles } from '../../../src/main/photos';
import type { PhotoTarget } from '../../../src/main/photos/hash';
import { HOSTILE_TARGETS } from '../main/photo-fixtures';

vi.mock('electron', () => ({}));

const SHA = 'cd'.repeat(32);
const PHOTO = Buffer.from('the photo bytes');
const THUMB = Buffer.from('thumb');

const open = vi.fn(async ({ sha256, variant }: PhotoTarget): Promise<OpenedPhoto | null> => {
  if (sha256 !== SHA) return null;
  const bytes = variant === 'thumb' ? THUMB : PHOTO;
  return {
    contentType: variant === 'thumb' ? 'image/jpeg' : 'image/png',
    size: bytes.length,
    stream: () => Readable.from([bytes]),
    close: vi.fn(async () => undefined),
  };
});
const photos: PhotoFiles = { open };
const handle = createPhotoProtocolHandler(photos);

beforeEach(() => {
  open.mockClear();
});

/** A Request with a URL exactly as given; undici would refuse some of these as a Request. */
function rawRequest(url: string, method = 'GET'): Request {
  return { url, method } as Request;
}

describe('kvue-photo:// protocol', () => {
  it('serves a stored photo and its thumbnail by hash', async () => {
    const photo = await handle(new Request(`kvue-photo://${SHA}`));
    expect(photo.status).toBe(200);
    expect(Buffer.from(await photo.arrayBuffer())).toEqual(PHOTO);
    expect(photo.headers.get('content-type')).toBe('image/png');
    expect(photo.headers.get('content-length')).toBe(String(PHOTO.length));
    expect(photo.headers.get('x-content-type-options')).toBe('nosniff');

    // Chromium adds a slash to a standard scheme's bare host.
    const slash = await handle(rawRequest(`kvue-photo://${SHA}/`));
    expect(slash.status).toBe(200);

    const thumb = await handle(new Request(`kvue-photo://${SHA}/thumb`));
    expect(thumb.status).toBe(200);
    expect(Buffer.from(await thumb.arrayBuffer())).toEqual(THUMB);
    expect(open).toHaveBeenLastCalledWith({ sha256: SHA, variant: 'thumb' });
  });

  it('answers HEAD without a body, and only GET and HEAD at all', async () => {
    const head = await handle(new Request(`kvue-photo://${SHA}`, { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await handle(new Request(`kvue-photo://${SHA}`, { method: 'POST' }));
    expect(post.status).toBe(405);
  });

  it('answers 404 for unknown and not yet stored hashes', async () => {
    const unknown = await handle(new Request(`kvue-photo://${'e'.repeat(64)}`));
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toBe('');
  });

  it.each(HOSTILE_TARGETS)('answers 404 for kvue-photo://%s without a lookup', async (target) => {
    const response = await handle(rawRequest(`kvue-photo://${target}`));
    expect(response.status).toBe(404);
    expect(open).not.toHaveBeenCalled();
  });

  it('answers 404 for other schemes and hosts in front of a valid hash', async () => {
    for (const url of [
      `app://kvue/${SHA}`,
      `kvue-photo:${SHA}`,
      `kvue-photo:///${SHA}`,
      `kvue-photo://user@${SHA}`,
      `kvue-photo://${SHA}:80`,
      `KVUE-PHOTO://${SHA}`,
      `file:///etc/passwd`,
    ]) {
      expect((await handle(rawRequest(url))).status, url).toBe(404);
    }
    expect(open).not.toHaveBeenCalled();
  });

  it('registers the photo scheme in the same single privileged-schemes call as app://', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() };
    registerPrivilegedSchemes(protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledTimes(1);
    const schemes = protocol.registerSchemesAsPrivileged.mock.calls[0]?.[0] as {
      scheme: string;
      privileges: Record<string, boolean>;
    }[];
    expect(schemes.map((s) => s.scheme)).toEqual(['app', 'kvue-photo']);
    const photo = schemes.find((s) => s.scheme === 'kvue-photo');
    expect(photo?.privileges).toMatchObject({ secure: true });
    expect(photo?.privileges.bypassCSP).toBeUndefined();
    expect(photo?.privileges.corsEnabled).toBeUndefined();
  });

  it('registers its handler for the photo scheme', () => {
    const protocol = { handle: vi.fn() };
    registerPhotoProtocol(protocol, photos);
    expect(protocol.handle).toHaveBeenCalledWith('kvue-photo', expect.any(Function));
  });
});
