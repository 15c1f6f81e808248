import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  app,
  type BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  net,
  powerMonitor,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
} from 'electron';
import electronUpdater from 'electron-updater';
import type { AppCommand } from '../../shared/contract';
import { launchConsole, type LaunchedConsole } from '../launch';
import { caseLinkInArgv, LINK_SCHEME } from '../links/case-link';
import { SettingsService } from '../settings/service';
import { placeWindow, readWindowState, writeWindowState } from '../window-state';
import { APP_USER_MODEL_ID, credentialsFromEnv, presetFileFor, settingsFromEnv } from './config';
import { registerContract } from './ipc';
import { startFileLog } from './log';
import { menuTemplate } from './menu';
import { resolveNativeBinding } from './native-binding';
import { rendererOrigin } from './origin';
import {
  registerPhotoProtocol,
  registerPrivilegedSchemes,
  registerRendererProtocol,
} from './protocol';
import { applySecurity, rendererCsp } from './security';
import { createSenderTrust } from './trust';
import { startUpdates } from './updates';
import { createVault } from './vault';
import { AppWindows, createMainWindow, WINDOW_LIMITS } from './window';

const SHUTDOWN_LIMIT_MS = 10_000;
const APP_NAME = 'KVÜ Innendienst';

/** What has been started so far, so that a failure half-way still closes what is open. */
const running: {
  disposeIpc?: () => void;
  launched?: LaunchedConsole;
  stopUpdates?: () => void;
} = {};
const windows = new AppWindows();
/** A case link that arrived before the services were up (the start itself, or a second start). */
let earlyLink = caseLinkInArgv(process.argv);

function mainWindow(): BrowserWindow | undefined {
  return windows.browserWindows()[0];
}

function sendCommand(command: AppCommand): void {
  running.launched?.app.sendCommand?.(command);
}

async function start(): Promise<void> {
  const userData = app.getPath('userData');
  const fileLog = startFileLog(app.getPath('logs'));
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
  // The installer registers the scheme too; this keeps it pointing at the current installation.
  if (app.isPackaged) app.setAsDefaultProtocolClient(LINK_SCHEME);
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);

  const settings = new SettingsService({
    userFile: join(userData, 'settings.json'),
    ...(presetFile() ? { presetFile: presetFile() } : {}),
    environment: settingsFromEnv(process.env),
    restart: () => {
      app.relaunch();
      app.quit();
    },
  });
  const credentials = credentialsFromEnv(process.env);
  // Checked before anything starts: without it the database cannot open.
  const nativeBinding = resolveNativeBinding({
    isPackaged: app.isPackaged,
    appPath,
    electronVersion: process.versions.electron ?? '',
    platform: process.platform,
    arch: process.arch,
  });

  running.launched = await launchConsole({
    dataDir: userData,
    settings,
    ...(credentials ? { credentials } : {}),
    vault: createVault(safeStorage, { userData, platform: process.platform }),
    ...(nativeBinding ? { nativeBinding } : {}),
    appInfo: {
      name: APP_NAME,
      version: app.getVersion(),
      versions: {
        electron: process.versions.electron ?? '',
        chrome: process.versions.chrome ?? '',
        node: process.versions.node,
      },
    },
    saveDiagnostics: saveDiagnostics,
    logTail: () => fileLog.tail(1000),
  });
  const mainApp = running.launched.app;
  console.log(`[main] ${APP_NAME} ${app.getVersion()} started`);

  // Leaving the desk with Windows+L, or a sleeping laptop, locks the console as well.
  const lockConsole = () => {
    void mainApp.impl['session.lock']({}).catch((error: unknown) => {
      console.error('[main] locking failed', error);
    });
  };
  powerMonitor.on('lock-screen', lockConsole);
  powerMonitor.on('suspend', lockConsole);

  // Before the window exists: its first <img> must find the handler.
  if (mainApp.photos) registerPhotoProtocol(protocol, mainApp.photos);

  const trust = createSenderTrust({ isOwnWindow: (contents) => windows.has(contents), origin });
  running.disposeIpc = registerContract(ipcMain, mainApp, {
    isTrustedSender: (event) => trust.isTrustedSender(event),
    eventTargets: () => windows.contents().filter((contents) => trust.isTrustedTarget(contents)),
  });

  const updates = startUpdates(electronUpdater.autoUpdater, settings.values, {
    askRestart: askUpdateRestart,
  });
  running.stopUpdates = updates?.stop;
  const showMenu = () => {
    const menu = menuTemplate(
      {
        command: sendCommand,
        lock: lockConsole,
        signOut: () => void mainApp.impl['session.signOut']({}).catch(() => undefined),
        ...(updates ? { checkForUpdates: updates.check } : {}),
      },
      { language: settings.values.language, development: !app.isPackaged },
    );
    Menu.setApplicationMenu(Menu.buildFromTemplate(menu));
  };
  showMenu();
  settings.onChange(showMenu);

  const stateFile = join(userData, 'window-state.json');
  createMainWindow({
    preloadPath: join(appPath, 'out', 'preload', 'index.cjs'),
    entryUrl: origin.entryUrl,
    windows,
    placement: placeWindow(
      readWindowState(stateFile),
      screen.getAllDisplays().map((display) => display.workArea),
      WINDOW_LIMITS,
    ),
    onStateChange: (state) => {
      void writeWindowState(stateFile, state).catch((error: unknown) => {
        console.warn('[main] could not save the window position', error);
      });
    },
  });
  if (earlyLink) mainApp.openCase?.(earlyLink.caseId);
  earlyLink = null;
}

function presetFile(): string | undefined {
  return presetFileFor({
    isPackaged: app.isPackaged,
    exePath: app.getPath('exe'),
    env: process.env,
  });
}

async function saveDiagnostics(fileName: string, content: string): Promise<string | null> {
  const options = {
    title: 'Diagnose exportieren',
    defaultPath: join(app.getPath('documents'), fileName),
    filters: [{ name: 'JSON', extensions: ['json'] }],
  };
  const window = mainWindow();
  const result = window
    ? await dialog.showSaveDialog(window, options)
    : await dialog.showSaveDialog(options);
  if (result.canceled || !result.filePath) return null;
  await writeFile(result.filePath, content, 'utf8');
  return result.filePath;
}

async function askUpdateRestart(version: string): Promise<boolean> {
  const options = {
    type: 'info' as const,
    title: APP_NAME,
    message: `Version ${version} ist bereit.`,
    detail:
      'Sie wird beim Beenden installiert. Jetzt neu starten? Nicht gesendete Arbeit bleibt erhalten.',
    buttons: ['Jetzt neu starten', 'Später'],
    defaultId: 1,
    cancelId: 1,
  };
  const window = mainWindow();
  const answer = window
    ? await dialog.showMessageBox(window, options)
    : await dialog.showMessageBox(options);
  return answer.response === 0;
}

/** A second start (a `kvue://` link clicked while running) comes here instead. */
function onSecondInstance(argv: readonly string[]): void {
  const window = mainWindow();
  if (window) {
    if (window.isMinimized()) window.restore();
    window.focus();
  }
  const link = caseLinkInArgv(argv);
  if (!link) return;
  if (running.launched) running.launched.app.openCase?.(link.caseId);
  else earlyLink = link;
}

let shutdown: Promise<void> | null = null;

/** Closes IPC, the main services (database, sync) and the demo server; at most once. */
function stop(): Promise<void> {
  shutdown ??= (async () => {
    const work = (async () => {
      running.disposeIpc?.();
      running.stopUpdates?.();
      await running.launched?.close();
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
  dialog.showErrorBox(APP_NAME, `Die Anwendung konnte nicht gestartet werden.\n\n${detail}`);
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
  app.on('second-instance', (_event, argv) => onSecondInstance(argv));
  // macOS hands links to the running app this way.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    onSecondInstance([url]);
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
