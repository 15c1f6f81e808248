/**
 * `npm run start:web`: the console through the browser host, for machines without the Electron
 * binary. Starts the demo server in-process (or uses KVUE_SERVER_URL), the console's main
 * services, and the browser host, then prints the URL to open.
 */
import { resolve } from 'node:path';
import { startBrowserHost } from '../src/main/browser-host';
import { credentialsFromEnv, settingsFromEnv } from '../src/main/electron/config';
import { launchConsole } from '../src/main/launch';
import { SettingsService } from '../src/main/settings/service';

const dataDir = resolve(process.env.KVUE_DATA_DIR ?? '.data');
const settings = new SettingsService({
  userFile: resolve(dataDir, 'settings.json'),
  // The desktop app reads the preset next to its installation; here a path names it.
  ...(process.env.KVUE_SETTINGS_PRESET
    ? { presetFile: resolve(process.env.KVUE_SETTINGS_PRESET) }
    : {}),
  environment: settingsFromEnv(process.env),
});
const credentials = credentialsFromEnv(process.env);
// The browser host has no OS encryption: the session lives in memory only (the default vault).
const launched = await launchConsole({
  dataDir,
  settings,
  ...(credentials ? { credentials } : {}),
});
const app = launched.app;
const host = await startBrowserHost({
  app,
  rendererDir: resolve('out/renderer'),
  port: Number(process.env.KVUE_WEB_PORT ?? 0),
});

console.log(`Server: ${launched.serverUrl}${launched.demo ? ' (demo, in-process)' : ''}`);
console.log(`Open the console in Chromium: ${host.url}`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await host.close();
  await launched.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
