import type { App, Session } from 'electron';
import { contentSecurityPolicy } from '../security/csp';
import { openExternally } from './external';
import type { RendererOrigin } from './origin';

/**
 * The renderer's policy comes from the one source shared with the browser host
 * (`src/main/security/csp.ts`): `default-src 'self'`, scripts same-origin only and never eval,
 * `style-src 'unsafe-inline'` because Fluent UI's styling engine (Griffel) inserts style rules at
 * run time, images also from `data:` and the photo protocol, no objects, no base, no framing, no
 * form posts.
 */
export function rendererCsp(): string {
  return contentSecurityPolicy();
}

/**
 * The policy for pages from the electron-vite dev server, never used by a packaged app.
 * `@vitejs/plugin-react` injects its Fast Refresh preamble as an inline script, and Vite's client
 * talks to the dev server over a WebSocket; without these two additions the dev renderer does not
 * start. Still no eval and no other host.
 */
export function devServerCsp(devServer: URL): string {
  const socket = `${devServer.protocol === 'https:' ? 'wss' : 'ws'}://${devServer.host}`;
  const strict = contentSecurityPolicy({ connect: [socket] });
  const relaxed = strict.replace(/(^|; )script-src ([^;]*)/, "$1script-src $2 'unsafe-inline'");
  if (relaxed === strict) throw new Error('The CSP has no script-src directive to extend');
  return relaxed;
}

function withHeader(
  headers: Record<string, string[]> | undefined,
  name: string,
  value: string,
): Record<string, string[]> {
  // Header names arrive in any case; drop every spelling so ours is the only policy.
  const kept = Object.entries(headers ?? {}).filter(([key]) => key.toLowerCase() !== name);
  return { ...Object.fromEntries(kept), [name]: [value] };
}

export interface SecurityOptions {
  app: Pick<App, 'on'>;
  session: Pick<
    Session,
    | 'webRequest'
    | 'setPermissionRequestHandler'
    | 'setPermissionCheckHandler'
    | 'setDevicePermissionHandler'
  >;
  origin: RendererOrigin;
  /** Electron's `shell.openExternal`: where safe external links go instead of a window. */
  openExternal(url: string): Promise<void>;
}

/**
 * Session-wide defences, applied before the first window exists: the CSP header on every
 * response, no permissions but notifications, and no way out of the app's own origin (navigation, new windows,
 * webviews).
 */
export function applySecurity({ app, session, origin, openExternal }: SecurityOptions): void {
  const strict = rendererCsp();
  const dev = origin.devServer ? devServerCsp(origin.devServer) : null;
  session.webRequest.onHeadersReceived((details, callback) => {
    const csp = dev && origin.isOwnUrl(details.url) ? dev : strict;
    callback({
      responseHeaders: withHeader(details.responseHeaders, 'content-security-policy', csp),
    });
  });

  // Desktop notifications (direct messages, urgent dispatches) for the console's own pages only;
  // no camera, geolocation, devices or the like for anyone.
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(permission === 'notifications' && origin.isOwnUrl(details.requestingUrl)),
  );
  session.setPermissionCheckHandler(
    (_contents, permission, requestingOrigin) =>
      permission === 'notifications' && origin.isOwnUrl(requestingOrigin),
  );
  session.setDevicePermissionHandler(() => false);

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => {
      if (origin.isOwnUrl(event.url)) return;
      event.preventDefault();
      openExternally(event.url, openExternal);
    });
    // A redirect can lead out of the origin as well as a navigation can.
    contents.on('will-redirect', (event) => {
      if (!origin.isOwnUrl(event.url)) event.preventDefault();
    });
    // Never a second window of ours; a safe link opens in the clerk's browser instead.
    contents.setWindowOpenHandler(({ url }) => {
      openExternally(url, openExternal);
      return { action: 'deny' };
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}
