/**
 * `npm run start:web`: the console through the browser host, for machines without the Electron
 * binary. Starts the demo server in-process (or uses KVUE_SERVER_URL), the console's main
 * services, and the browser host, then prints the URL to open.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { startBrowserHost } from '../src/main/browser-host';
import { startMainApp } from '../src/main/app';
import {
  backendFromEnv,
  idleLockMinutesFromEnv,
  retentionDaysFromEnv,
} from '../src/main/electron/config';
import { demoLogin, startServer } from '../src/server';

const dataDir = resolve(process.env.KVUE_DATA_DIR ?? '.data');
mkdirSync(dataDir, { recursive: true });

const backend = backendFromEnv(process.env);
const server =
  backend.kind === 'remote'
    ? null
    : await startServer({ dataDir: resolve(dataDir, 'demo-server'), port: 0, seed: true });
const serverUrl = backend.kind === 'remote' ? backend.serverUrl : (server?.url ?? '');
// The demo signs its clerk in; a real server without configured credentials shows the login.
const credentials = backend.kind === 'remote' ? backend.credentials : demoLogin('clerk');

const app = await startMainApp({
  dbPath: resolve(dataDir, 'console-web.sqlite'),
  serverUrl,
  ...(credentials ? { credentials } : {}),
  // The browser host has no OS encryption: the session lives in memory only (the default vault).
  idleLockMinutes: idleLockMinutesFromEnv(process.env),
  retentionDays: retentionDaysFromEnv(process.env),
});
const host = await startBrowserHost({
  app,
  rendererDir: resolve('out/renderer'),
  port: Number(process.env.KVUE_WEB_PORT ?? 0),
});

console.log(`Server: ${serverUrl}${server ? ' (demo, in-process)' : ''}`);
console.log(`Open the console in Chromium: ${host.url}`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await host.close();
  await app.close();
  await server?.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
