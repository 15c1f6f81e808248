import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AppInfo } from '../shared/contract';
import { type MainApp, startMainApp } from './app';
import type { SaveDiagnostics } from './diagnostics/calls';
import type { SettingsService } from './settings/service';
import type { SecretVault } from './session/vault';

export interface LaunchOptions {
  /** The profile folder: the console's database, photo cache and (demo) server data. */
  dataDir: string;
  settings: SettingsService;
  /** Sign in with these at start (environment); the demo signs in its clerk by itself. */
  credentials?: { username: string; password: string };
  vault?: SecretVault;
  nativeBinding?: string;
  appInfo?: AppInfo;
  saveDiagnostics?: SaveDiagnostics;
  logTail?: () => Promise<string[]>;
}

export interface LaunchedConsole {
  app: MainApp;
  /** The server synced with: the configured one, or the demo server's loopback address. */
  serverUrl: string;
  demo: boolean;
  close(): Promise<void>;
}

/**
 * The local database for a server. Each server gets its own file, so changing the server address
 * never mixes two servers' cases, and work not yet sent to the old one stays until it is back.
 */
export function consoleDbFile(serverUrl: string | null): string {
  if (serverUrl === null) return 'kvue-demo.sqlite';
  const id = createHash('sha256').update(serverUrl).digest('hex').slice(0, 12);
  return `kvue-${id}.sqlite`;
}

/**
 * Starts the console's services for the server the settings name, or the built-in demo server
 * with its data when none is set. Shared by the desktop app and the browser host.
 */
export async function launchConsole(options: LaunchOptions): Promise<LaunchedConsole> {
  mkdirSync(options.dataDir, { recursive: true });
  const configured = options.settings.values.serverUrl;
  let serverUrl: string;
  let credentials = options.credentials;
  let closeServer: (() => Promise<void>) | null = null;
  if (configured === null) {
    // Loaded only in demo mode: a console connected to a real server never carries it in memory.
    const { startServer, demoLogin } = await import('../server/index');
    const server = await startServer({
      host: '127.0.0.1',
      port: 0,
      dataDir: join(options.dataDir, 'demo-server'),
      seed: true,
    });
    closeServer = () => server.close();
    serverUrl = server.url;
    credentials ??= demoLogin('clerk');
    console.log(`[main] demo mode: reference server at ${serverUrl}`);
  } else {
    serverUrl = configured;
  }

  try {
    const app = await startMainApp({
      dbPath: join(options.dataDir, consoleDbFile(configured)),
      serverUrl,
      ...(credentials ? { credentials } : {}),
      ...(options.vault ? { vault: options.vault } : {}),
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      ...(options.appInfo ? { appInfo: options.appInfo } : {}),
      ...(options.saveDiagnostics ? { saveDiagnostics: options.saveDiagnostics } : {}),
      ...(options.logTail ? { logTail: options.logTail } : {}),
      settings: options.settings,
    });
    return {
      app,
      serverUrl,
      demo: configured === null,
      async close() {
        await app
          .close()
          .catch((error: unknown) => console.error('[main] closing services failed', error));
        await closeServer?.().catch((error: unknown) =>
          console.error('[main] closing demo server failed', error),
        );
      },
    };
  } catch (error) {
    await closeServer?.();
    throw error;
  }
}
