import { IDLE_LOCK_MAX_MINUTES } from '../../shared/contract/session-calls';
import { DEFAULT_RETENTION_DAYS } from '../privacy/retention';

export interface Credentials {
  username: string;
  password: string;
}

/** Which field server the console syncs with. */
export type Backend =
  /** Without credentials the clerk signs in on the login screen. */
  | { kind: 'remote'; serverUrl: string; credentials?: Credentials }
  /** No server configured: the reference server runs in-process, seeded, with its demo clerk. */
  | { kind: 'demo' };

/**
 * Reads the backend from the environment: `KVUE_SERVER_URL` for a real server (optionally with
 * `KVUE_USERNAME` and `KVUE_PASSWORD` to sign in without the login screen), nothing for demo
 * mode. A half-given configuration is an error rather than a silent fall-back.
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
  const serverUrlText = url.href.replace(/\/$/, '');
  const username = env.KVUE_USERNAME?.trim();
  const password = env.KVUE_PASSWORD;
  if (!username && !password) return { kind: 'remote', serverUrl: serverUrlText };
  if (!username || !password) {
    throw new Error('KVUE_USERNAME and KVUE_PASSWORD are set together or not at all');
  }
  return { kind: 'remote', serverUrl: serverUrlText, credentials: { username, password } };
}

/** Default lock after this many idle minutes; an office PC must not stay open all lunch. */
export const DEFAULT_IDLE_LOCK_MINUTES = 10;

/** `KVUE_IDLE_LOCK_MINUTES`: whole minutes, 0 for never; anything else is an error. */
export function idleLockMinutesFromEnv(env: Record<string, string | undefined>): number {
  return wholeNumberFromEnv(env, 'KVUE_IDLE_LOCK_MINUTES', DEFAULT_IDLE_LOCK_MINUTES, {
    max: IDLE_LOCK_MAX_MINUTES,
    unit: 'minutes',
  });
}

/** `KVUE_RETENTION_DAYS`: whole days after which closed cases' personal data leaves the desk. */
export function retentionDaysFromEnv(env: Record<string, string | undefined>): number {
  return wholeNumberFromEnv(env, 'KVUE_RETENTION_DAYS', DEFAULT_RETENTION_DAYS, {
    max: 3650,
    unit: 'days',
  });
}

function wholeNumberFromEnv(
  env: Record<string, string | undefined>,
  name: string,
  fallback: number,
  { max, unit }: { max: number; unit: string },
): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value > max) {
    throw new Error(`${name} must be whole ${unit} from 0 (never) to ${max}: ${text}`);
  }
  return value;
}
