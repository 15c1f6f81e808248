/**
 * The built renderer is served from this scheme rather than from file://: a custom standard
 * scheme gives the page a real origin of its own ('self' then means our files, not every file on
 * the disk), and our protocol handler can send the CSP as a response header, which Electron does
 * not reliably do for file:// pages.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kvue';

/**
 * Photos come from their own scheme, by hash only: `kvue-photo://<sha256>[/thumb]`. Never the
 * renderer's origin, so a photo URL can never name one of the renderer's files or the reverse.
 */
export { PHOTO_SCHEME } from '../../shared/contract/photo-calls';

/** Where the renderer comes from in this run, and how to recognise its URLs. */
export interface RendererOrigin {
  /** What the window loads. */
  readonly entryUrl: string;
  /** The electron-vite dev server, when the renderer comes from there. */
  readonly devServer: URL | null;
  /** True for URLs of the renderer's own origin (scheme, host and port all equal). */
  isOwnUrl(url: string): boolean;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * @param devServerUrl electron-vite's `ELECTRON_RENDERER_URL`; the caller passes it only when the
 *   app runs unpackaged, so an environment variable can never point a packaged app elsewhere.
 */
export function rendererOrigin(devServerUrl?: string): RendererOrigin {
  const devServer = devServerUrl ? parse(devServerUrl) : null;
  if (devServerUrl && (!devServer || !/^https?:$/.test(devServer.protocol))) {
    throw new Error(`ELECTRON_RENDERER_URL is not an http(s) URL: ${devServerUrl}`);
  }
  // Compared by scheme and host rather than `URL.origin`, which is 'null' for custom schemes.
  const own = devServer ?? new URL(`${APP_SCHEME}://${APP_HOST}/`);
  return {
    entryUrl: devServer ? devServer.href : `${APP_SCHEME}://${APP_HOST}/index.html`,
    devServer,
    isOwnUrl(url) {
      const candidate = parse(url);
      return (
        candidate !== null &&
        candidate.protocol === own.protocol &&
        candidate.host === own.host &&
        candidate.username === '' &&
        candidate.password === ''
      );
    },
  };
}
