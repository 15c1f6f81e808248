export interface Credentials {
  username: string;
  password: string;
}

/** Which field server the console syncs with. */
export type Backend =
  | { kind: 'remote'; serverUrl: string; credentials: Credentials }
  /** No server configured: the reference server runs in-process, seeded, with its demo clerk. */
  | { kind: 'demo' };

/**
 * Reads the backend from the environment: `KVUE_SERVER_URL` with `KVUE_USERNAME` and
 * `KVUE_PASSWORD` for a real server, nothing for demo mode. A half-given configuration is an
 * error rather than a silent fall-back to demo data.
 */
export function backendFromEnv(env: Record<string, string | undefined>): Backend {
  const serverUrl = env.KVUE_SERVER_URL?.trim();
  if (!serverUrl) return { kind: 'demo' };

  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    throw new Error(`KVUE_SERVER_URL is not a URL: ${serverUrl}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`KVUE_SERVER_URL must be an http(s) URL: ${serverUrl}`);
  }
  const username = env.KVUE_USERNAME?.trim();
  const password = env.KVUE_PASSWORD;
  if (!username || !password) {
    throw new Error('KVUE_SERVER_URL is set, so KVUE_USERNAME and KVUE_PASSWORD must be set too');
  }
  return {
    kind: 'remote',
    serverUrl: url.href.replace(/\/$/, ''),
    credentials: { username, password },
  };
}
