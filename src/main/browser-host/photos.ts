import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PHOTO_HOST_PATH } from '../../shared/contract/photo-calls';
import { parsePhotoTarget, type PhotoFiles } from '../photos';

/**
 * `GET /photo/<sha256>` and `/photo/<sha256>/thumb` for the browser host, resolved exactly like
 * Electron's `kvue-photo://`.
 *
 * Authentication: an `<img>` cannot send the launch token as a header, and a token in the image
 * URL would end up in history, logs and the DOM. So the host gives the page a second, per-launch
 * secret as a cookie (HttpOnly: no script reads it; SameSite=Strict and Path=/photo: sent only
 * with same-site requests for photos) on the answer to any call that carried the launch token.
 * The secret grants photo reads and nothing else. Because "same-site" ignores the port, requests
 * another page on 127.0.0.1 makes are refused by their `Sec-Fetch-Site`, and the answer carries
 * `Cross-Origin-Resource-Policy: same-origin`. A request with the launch token as a bearer header
 * (tests, tools) is accepted as well.
 */
export interface PhotoRoute {
  /** The route's requests: the raw path starts with `/photo`. */
  matches(rawUrl: string): boolean;
  /** For answers to calls that carried the launch token. */
  cookieHeader(): string;
  handle(
    request: IncomingMessage,
    response: ServerResponse,
    headers: Record<string, string>,
  ): Promise<void>;
}

export function createPhotoRoute(options: {
  /** The host's port, known once it listens. */
  port(): number;
  photos: PhotoFiles | undefined;
  launchTokenMatches(candidate: string | null): boolean;
}): PhotoRoute {
  const secret = randomBytes(32).toString('base64url');
  const expected = Buffer.from(secret);
  // Cookies are shared by every port of a host: one name per browser host.
  const cookieName = () => `kvue_photo_${options.port()}`;

  const hasCookie = (request: IncomingMessage): boolean => {
    for (const part of (request.headers.cookie ?? '').split(';')) {
      const at = part.indexOf('=');
      if (at < 0 || part.slice(0, at).trim() !== cookieName()) continue;
      const given = Buffer.from(part.slice(at + 1).trim());
      if (given.length === expected.length && timingSafeEqual(given, expected)) return true;
    }
    return false;
  };
  const hasBearer = (request: IncomingMessage): boolean => {
    const auth = request.headers.authorization ?? '';
    return auth.startsWith('Bearer ') && options.launchTokenMatches(auth.slice(7));
  };

  const end = (
    response: ServerResponse,
    status: number,
    headers: Record<string, string>,
    text: string,
  ) => {
    response.writeHead(status, {
      ...headers,
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
    });
    response.end(text);
  };

  return {
    matches: (rawUrl) => rawUrl === '/photo' || rawUrl.startsWith('/photo/'),
    cookieHeader: () => `${cookieName()}=${secret}; Path=/photo; HttpOnly; SameSite=Strict`,
    async handle(request, response, headers) {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        end(response, 405, headers, 'Method not allowed');
        return;
      }
      const site = request.headers['sec-fetch-site'];
      if (site !== undefined && site !== 'same-origin' && site !== 'none') {
        end(response, 403, headers, 'Foreign site');
        return;
      }
      if (!hasCookie(request) && !hasBearer(request)) {
        end(response, 401, headers, 'Not signed in');
        return;
      }
      // The raw request target, not a normalized one: nothing is decoded, `..` is not resolved.
      const raw = request.url ?? '';
      const target = raw.startsWith(PHOTO_HOST_PATH)
        ? parsePhotoTarget(raw.slice(PHOTO_HOST_PATH.length))
        : null;
      const file = target && options.photos ? await options.photos.open(target) : null;
      if (!file) {
        end(response, 404, headers, 'Not found');
        return;
      }
      response.writeHead(200, {
        ...headers,
        'content-type': file.contentType,
        'content-length': String(file.size),
        'cache-control': 'private, max-age=31536000, immutable',
        'cross-origin-resource-policy': 'same-origin',
      });
      if (request.method === 'HEAD') {
        await file.close();
        response.end();
        return;
      }
      const stream = file.stream();
      stream.on('error', () => response.destroy());
      response.on('close', () => stream.destroy());
      stream.pipe(response);
    },
  };
}
