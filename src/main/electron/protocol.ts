import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { pathToFileURL } from 'node:url';
import type { Protocol } from 'electron';
import { resolveStaticPath } from '../browser-host/static';
import { parsePhotoTarget, type PhotoFiles } from '../photos';
import { APP_HOST, APP_SCHEME, PHOTO_SCHEME } from './origin';

/**
 * Must run before the app is ready, and only once: Electron keeps just the last call, so any
 * other custom scheme (the photo protocol) has to be added to this list.
 */
export function registerPrivilegedSchemes(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>) {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // standard + secure: a real origin with storage, like https; corsEnabled because Vite emits
      // module scripts with `crossorigin`, which Chromium fetches in CORS mode.
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
    },
    {
      scheme: PHOTO_SCHEME,
      // secure: loaded by a secure page (app://) without mixed-content blocking; standard so that
      // Chromium gives it URL semantics like https (the hash is the host). No CORS, no bypassCSP:
      // the page only shows photos in <img>, it never reads their bytes.
      privileges: { standard: true, secure: true },
    },
  ]);
}

export interface RendererProtocolOptions {
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** Sent with every response; the header is what makes the policy hold for this scheme. */
  csp: string;
  /** Reads one file URL; Electron's `net.fetch` in the app, so asar archives and MIME work. */
  fetchFile(fileUrl: string): Promise<Response>;
}

function failure(status: number): Response {
  return new Response(null, { status, headers: { 'x-content-type-options': 'nosniff' } });
}

/** Serves the built renderer's files, and only those, under `app://kvue/`. */
export function createRendererProtocolHandler(options: RendererProtocolOptions) {
  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return failure(404);
    if (request.method !== 'GET' && request.method !== 'HEAD') return failure(405);
    const path = resolveStaticPath(options.rendererDir, url.pathname);
    // A directory would come back from file:// as a generated listing page.
    const info = path ? await stat(path).catch(() => null) : null;
    if (!path || !info?.isFile()) return failure(404);

    let file: Response;
    try {
      file = await options.fetchFile(pathToFileURL(path).href);
    } catch {
      return failure(404);
    }
    if (!file.ok) return failure(404);

    const headers = new Headers(file.headers);
    headers.set('content-security-policy', options.csp);
    headers.set('x-content-type-options', 'nosniff');
    // The page must always be fresh; built assets carry a content hash in their name.
    headers.set('cache-control', path.endsWith('.html') ? 'no-store' : 'public, max-age=31536000');
    if (request.method === 'HEAD') {
      await file.body?.cancel();
      return new Response(null, { status: 200, headers });
    }
    return new Response(file.body, { status: 200, headers });
  };
}

export function registerRendererProtocol(
  protocol: Pick<Protocol, 'handle'>,
  options: RendererProtocolOptions,
): void {
  protocol.handle(APP_SCHEME, createRendererProtocolHandler(options));
}

const PHOTO_PREFIX = `${PHOTO_SCHEME}://`;

/**
 * Serves `kvue-photo://<sha256>` and `kvue-photo://<sha256>/thumb`: the text after the scheme
 * must be exactly that (lowercase hex, nothing decoded), and the photo must be stored and
 * verified; everything else is a 404 for which no file is opened. Chromium lower-cases the host
 * of a standard scheme before it gets here, which changes nothing: the hash is still checked
 * against the cache, and only the file named by that hash is read.
 */
export function createPhotoProtocolHandler(photos: PhotoFiles) {
  return async (request: Request): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return failure(405);
    const target = request.url.startsWith(PHOTO_PREFIX)
      ? parsePhotoTarget(request.url.slice(PHOTO_PREFIX.length))
      : null;
    const file = target ? await photos.open(target).catch(() => null) : null;
    if (!file) return failure(404);
    const headers = new Headers({
      'content-type': file.contentType,
      'content-length': String(file.size),
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, max-age=31536000, immutable',
    });
    if (request.method === 'HEAD') {
      await file.close();
      return new Response(null, { status: 200, headers });
    }
    const body = Readable.toWeb(file.stream()) as WebReadableStream<Uint8Array>;
    return new Response(body as ConstructorParameters<typeof Response>[0], {
      status: 200,
      headers,
    });
  };
}

export function registerPhotoProtocol(
  protocol: Pick<Protocol, 'handle'>,
  photos: PhotoFiles,
): void {
  protocol.handle(PHOTO_SCHEME, createPhotoProtocolHandler(photos));
}
