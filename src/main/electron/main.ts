import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  app,
  dialog,
  ipcMain,
  net,
  powerMonitor,
  protocol,
  safeStorage,
  session,
  shell,
} from 'electron';
import { startMainApp, type MainApp } from '../app';
import {
  backendFromEnv,
  idleLockMinutesFromEnv,
  retentionDaysFromEnv,
  type Credentials,
} from './config';
import { registerContract } from './ipc';
import { resolveNativeBinding } from './native-binding';
import { rendererOrigin } from './origin';
import {
  registerPhotoProtocol,
  registerPrivilegedSchemes,
  registerRendererProtocol,
} from './protocol';
import { applySecurity, rendererCsp } from './security';
import { createSenderTrust } from './trust';
import { createVault } from './vault';
import { AppWindows, createMainWindow } from './window';

const SHUTDOWN_LIMIT_MS = 10_000;

/** What has been started so far, so that a failure half-way still closes what is open. */
const running: {
  disposeIpc?: () => void;
  mainApp?: MainApp;
  closeServer?: () => Promise<void>;
} = {};
const windows = new AppWindows();

async function start(): Promise<void> {
  // A packaged app never follows an environment variable to another page.
  const origin = rendererOrigin(app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL);
  applySecurity({
    app,
    session: session.defaultSession,
    origin,
    openExternal: (url) => shell.openExternal(url),
  });
  const appPath = app.getAppPath();
  registerRendererProtocol(protocol, {
    rendererDir: join(appPath, 'out', 'renderer'),
    csp: rendererCsp(),
    fetchFile: (url) => net.fetch(url),
  });

  const backend = backendFromEnv(process.env);
  const idleLockMinutes = idleLockMinutesFromEnv(process.env);
  const retentionDays = retentionDaysFromEnv(process.env);
  // Checked before anything starts: without it the database cannot open.
  const nativeBinding = resolveNativeBinding({
    isPackaged: app.isPackaged,
    appPath,
    electronVersion: process.versions.electron ?? '',
    platform: process.platform,
    arch: process.arch,
  });
  const userData = app.getPath('userData');
  mkdirSync(userData, { recursive: true });

  let serverUrl: string;
  let credentials: Credentials | undefined;
  if (backend.kind === 'demo') {
    // Loaded only in demo mode: a console connected to a real server never carries it in memory.
    const { startServer, demoLogin } = await import('../../server/index');
    const clerk = demoLogin('clerk');
    const server = await startServer({
      host: '127.0.0.1',
      port: 0,
      dataDir: join(userData, 'demo-server'),
      seed: true,
    });
    running.closeServer = () => server.close();
    serverUrl = server.url;
    credentials = { username: clerk.username, password: clerk.password };
    console.log(
      `[main] demo mode: reference server at ${serverUrl}, signed in as ${clerk.username}`,
    );
  } else {
    serverUrl = backend.serverUrl;
    credentials = backend.credentials;
  }

  running.mainApp = await startMainApp({
    // The local database mirrors one server; demo data must never mix with a real server's.
    dbPath: join(userData, backend.kind === 'demo' ? 'kvue-demo.sqlite' : 'kvue.sqlite'),
    serverUrl,
    ...(credentials ? { credentials } : {}),
    vault: createVault(safeStorage, { userData, platform: process.platform }),
    idleLockMinutes,
    retentionDays,
    nativeBinding,
  });
  // Leaving the desk with Windows+L, or a sleeping laptop, locks the console as well.
  const lockConsole = () => {
    void running.mainApp?.impl['session.lock']({}).catch((error: unknown) => {
      console.error('[main] locking failed', error);
    });
  };
  powerMonitor.on('lock-screen', lockConsole);
  powerMonitor.on('suspend', lockConsole);

  // Before the window exists: its first <img> must find the handler.
  if (running.mainApp.photos) registerPhotoProtocol(protocol, running.mainApp.photos);

  const trust = createSenderTrust({ isOwnWindow: (contents) => windows.has(contents), origin });
  running.disposeIpc = registerContract(ipcMain, running.mainApp, {
    isTrustedSender: (event) => trust.isTrustedSender(event),
    eventTargets: () => windows.contents().filter((contents) => trust.isTrustedTarget(contents)),
  });

  createMainWindow({
    preloadPath: join(appPath, 'out', 'preload', 'index.cjs'),
    entryUrl: origin.entryUrl,
    windows,
  });
}

let shutdown: Promise<void> | null = null;

/** Closes IPC, the main services (database, sync) and the demo server; at most once. */
function stop(): Promise<void> {
  shutdown ??= (async () => {
    const work = (async () => {
      running.disposeIpc?.();
      await running.mainApp
        ?.close()
        .catch((error: unknown) => console.error('[main] closing services failed', error));
      await running
        .closeServer?.()
        .catch((error: unknown) => console.error('[main] closing demo server failed', error));
    })();
    // Quitting must not hang on a stuck connection; SQLite's WAL keeps committed data safe.
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        console.error(`[main] shutdown took over ${SHUTDOWN_LIMIT_MS} ms; quitting anyway`);
        resolve();
      }, SHUTDOWN_LIMIT_MS);
    });
    await Promise.race([work, limit]);
    clearTimeout(timer);
  })();
  return shutdown;
}

async function fail(error: unknown): Promise<void> {
  console.error('[main] start failed', error);
  const detail = error instanceof Error ? error.message : String(error);
  dialog.showErrorBox(
    'KVÜ Innendienst',
    `Die Anwendung konnte nicht gestartet werden.\n\n${detail}`,
  );
  await stop();
  app.exit(1);
}

registerPrivilegedSchemes(protocol);
// Every renderer sandboxed, not only the windows that ask for it.
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // Another console is running on this profile; it gets focused through 'second-instance'.
  app.quit();
} else {
  app.on('second-instance', () => {
    const window = windows.browserWindows()[0];
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    void stop().finally(() => {
      closed = true;
      app.quit();
    });
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => fail(error));
}
