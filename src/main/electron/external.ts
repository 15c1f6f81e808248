/**
 * Links that leave the console (a manual on the intranet, a link an officer sent) open in the
 * clerk's default browser, never inside the app, and only when they are plain https addresses:
 * no file:, javascript:, custom schemes or our own kvue:/app: links, no user:password@ trick to
 * disguise the host, nothing overlong.
 */
const EXTERNAL_URL_MAX = 2048;

export function isSafeExternalUrl(text: string): boolean {
  if (text.length > EXTERNAL_URL_MAX) return false;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.username === '' && url.password === '' && url.host !== '';
}

/** Opens `url` in the default browser if it is safe; tells whether it did. */
export function openExternally(url: string, open: (url: string) => Promise<void>): boolean {
  if (!isSafeExternalUrl(url)) {
    console.warn('[security] refused to open a link that is not a plain https address');
    return false;
  }
  open(url).catch((error: unknown) =>
    console.error('[security] the browser could not be started', (error as Error).message),
  );
  return true;
}
