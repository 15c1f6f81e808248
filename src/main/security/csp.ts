/**
 * The renderer's Content-Security-Policy, one source for the Electron session and the browser
 * host. `style-src 'unsafe-inline'` is required by Fluent UI, whose styling engine (Griffel)
 * inserts style rules at run time; scripts stay strictly same-origin, with no eval.
 */
export function contentSecurityPolicy(
  options: {
    connect?: readonly string[];
    /**
     * For a `<meta http-equiv>` copy in the page: browsers ignore `frame-ancestors` there (and
     * warn), so it is left out; the header still carries it.
     */
    meta?: boolean;
  } = {},
): string {
  const directives: Record<string, readonly string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'kvue-photo:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...(options.connect ?? [])],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'frame-ancestors': ["'none'"],
    'form-action': ["'none'"],
  };
  if (options.meta) delete directives['frame-ancestors'];
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}
