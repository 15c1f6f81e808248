import { dirname, join, resolve } from 'node:path';
import { IDLE_LOCK_MAX_MINUTES } from '../../shared/contract/session-calls';
import {
  DEFAULT_SETTINGS,
  RETENTION_MAX_DAYS,
  type Settings,
} from '../../shared/contract/settings-calls';
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
export const DEFAULT_IDLE_LOCK_MINUTES = DEFAULT_SETTINGS.idleLockMinutes;

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
    max: RETENTION_MAX_DAYS,
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

/**
 * Settings fixed by the environment for this run (a developer, a test, a service account). They
 * win over the profile and the administrator's preset, and the settings screen shows them locked.
 */
export function settingsFromEnv(env: Record<string, string | undefined>): Partial<Settings> {
  const backend = backendFromEnv(env);
  return {
    ...(backend.kind === 'remote' ? { serverUrl: backend.serverUrl } : {}),
    ...(env.KVUE_IDLE_LOCK_MINUTES?.trim() ? { idleLockMinutes: idleLockMinutesFromEnv(env) } : {}),
    ...(env.KVUE_RETENTION_DAYS?.trim() ? { retentionDays: retentionDaysFromEnv(env) } : {}),
  };
}

/** `KVUE_USERNAME` and `KVUE_PASSWORD`: sign in at start without the login screen. */
export function credentialsFromEnv(
  env: Record<string, string | undefined>,
): Credentials | undefined {
  const backend = backendFromEnv(env);
  if (backend.kind === 'remote') return backend.credentials;
  const username = env.KVUE_USERNAME?.trim();
  const password = env.KVUE_PASSWORD;
  if (!username && !password) return undefined;
  if (!username || !password) {
    throw new Error('KVUE_USERNAME and KVUE_PASSWORD are set together or not at all');
  }
  return { username, password };
}

/**
 * electron-builder.yml's appId, which the installer gives the Start-menu shortcut: Windows shows
 * the app's notifications only when the running app claims the same id.
 */
export const APP_USER_MODEL_ID = 'de.kvue.desk';

/** The administrator's preset: `kvue-desk.config.json` beside `kvue-desk.exe`. */
export const PRESET_FILE_NAME = 'kvue-desk.config.json';

/**
 * Where the administrator's preset is read from: next to the installed executable, where software
 * distribution puts it and a clerk without admin rights cannot change it (per-machine install).
 * In development `KVUE_SETTINGS_PRESET` names one, since the executable is Electron's own.
 */
export function presetFileFor(context: {
  isPackaged: boolean;
  exePath: string;
  env: Record<string, string | undefined>;
}): string | undefined {
  if (context.isPackaged) return join(dirname(context.exePath), PRESET_FILE_NAME);
  const configured = context.env.KVUE_SETTINGS_PRESET?.trim();
  return configured ? resolve(configured) : undefined;
}
