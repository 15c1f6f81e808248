import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import type { MenuItemConstructorOptions } from 'electron';
import { DEFAULT_IDLE_LOCK_MINUTES } from '../../../src/main/electron/config';
import { consoleDbFile } from '../../../src/main/launch';
import { DEFAULT_RETENTION_DAYS } from '../../../src/main/privacy/retention';
import type { SettingsService } from '../../../src/main/settings/service';
import { CALL_NAMES } from '../../../src/shared/contract';
import { FakeWebContents, preventable } from './fakes';

/** A fresh fake Electron per test, since main.ts does its work on import. */
function createElectron() {
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    ready: Promise.resolve(),
    whenReady: vi.fn(() => app.ready),
    requestSingleInstanceLock: vi.fn(() => true),
    enableSandbox: vi.fn(),
    getAppPath: vi.fn(() => '/checkout'),
    getPath: vi.fn((name: string) =>
      name === 'exe' ? join(installDir, 'kvue-desk.exe') : userData,
    ),
    getVersion: vi.fn(() => '1.2.3'),
    setAsDefaultProtocolClient: vi.fn(() => true),
    relaunch: vi.fn(),
    quit: vi.fn(),
    exit: vi.fn(),
  });
  const windows: FakeWindow[] = [];
  class FakeWindow extends EventEmitter {
    readonly webContents = new FakeWebContents();
    readonly loadURL = vi.fn(async () => undefined);
    readonly show = vi.fn();
    readonly focus = vi.fn();
    readonly restore = vi.fn();
    readonly maximize = vi.fn();
    bounds = { x: 10, y: 20, width: 1300, height: 850 };
    constructor(readonly options: BrowserWindowConstructorOptions) {
      super();
      windows.push(this);
    }
    isDestroyed() {
      return false;
    }
    isMinimized() {
      return false;
    }
    isMaximized() {
      return false;
    }
    isFullScreen() {
      return false;
    }
    getNormalBounds() {
      return this.bounds;
    }
  }
  return {
    app,
    windows,
    BrowserWindow: FakeWindow,
    dialog: {
      showErrorBox: vi.fn(),
      showSaveDialog: vi.fn(async () => ({ canceled: true, filePath: '' })),
      showMessageBox: vi.fn(async () => ({ response: 1 })),
    },
    Menu: {
      buildFromTemplate: vi.fn((template: MenuItemConstructorOptions[]) => template),
      setApplicationMenu: vi.fn(),
    },
    screen: {
      getAllDisplays: vi.fn(() => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }]),
    },
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
    net: { fetch: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    powerMonitor: new EventEmitter(),
    safeStorage: {
      isEncryptionAvailable: vi.fn(() => true),
      getSelectedStorageBackend: vi.fn(() => 'dpapi'),
      encryptString: vi.fn((plain: string) => Buffer.from(plain).reverse()),
      decryptString: vi.fn((sealed: Buffer) => Buffer.from(sealed).reverse().toString()),
    },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: vi.fn() },
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        setDevicePermissionHandler: vi.fn(),
      },
    },
  };
}

const state = vi.hoisted(() => ({
  electron: null as unknown as ReturnType<typeof createElectron>,
  mainApp: {
    impl: {
      'session.lock': vi.fn(async () => ({})),
      'session.signOut': vi.fn(async () => ({})),
    },
    onEvent: vi.fn(() => () => undefined),
    openCase: vi.fn(),
    sendCommand: vi.fn(),
    close: vi.fn(async () => {}),
  },
  updater: {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    setFeedURL: vi.fn(),
    checkForUpdates: vi.fn(async () => null),
    quitAndInstall: vi.fn(),
    on: vi.fn(),
  },
  server: { url: 'http://127.0.0.1:41234', port: 41234, close: vi.fn(async () => {}) },
  startMainApp: vi.fn(),
  startServer: vi.fn(),
}));

// Getters, because the mocked module outlives vi.resetModules: each launch reads its own fake.
vi.mock('electron', () => ({
  get app() {
    return state.electron.app;
  },
  get BrowserWindow() {
    return state.electron.BrowserWindow;
  },
  get dialog() {
    return state.electron.dialog;
  },
  get ipcMain() {
    return state.electron.ipcMain;
  },
  get net() {
    return state.electron.net;
  },
  get protocol() {
    return state.electron.protocol;
  },
  get session() {
    return state.electron.session;
  },
  get powerMonitor() {
    return state.electron.powerMonitor;
  },
  get safeStorage() {
    return state.electron.safeStorage;
  },
  get Menu() {
    return state.electron.Menu;
  },
  get screen() {
    return state.electron.screen;
  },
}));
vi.mock('electron-updater', () => ({ default: { autoUpdater: state.updater } }));
// The file log needs the real Electron; what main logs is covered by the no-PII tests.
vi.mock('../../../src/main/electron/log', () => ({
  startFileLog: () => ({ file: 'main.log', tail: async () => ['[main] started'] }),
}));
vi.mock('../../../src/main/app', () => ({ startMainApp: state.startMainApp }));
vi.mock('../../../src/server/index', () => ({
  startServer: state.startServer,
  demoLogin: (role: string) =>
    role === 'clerk'
      ? { username: 'demo.clerk', password: 'demo' }
      : { username: 'x', password: 'x' },
}));
vi.mock('../../../src/main/electron/native-binding', () => ({
  resolveNativeBinding: vi.fn(() => '/checkout/.native/better_sqlite3.node'),
}));

let userData: string;
let installDir: string;
const savedEnv = { ...process.env };
const OUR_ENV = [
  'KVUE_SERVER_URL',
  'KVUE_USERNAME',
  'KVUE_PASSWORD',
  'KVUE_IDLE_LOCK_MINUTES',
  'KVUE_RETENTION_DAYS',
  'ELECTRON_RENDERER_URL',
];

beforeAll(async () => {
  userData = await mkdtemp(join(tmpdir(), 'kvue-main-'));
  installDir = await mkdtemp(join(tmpdir(), 'kvue-install-'));
});
afterAll(async () => {
  await rm(userData, { recursive: true, force: true });
  await rm(installDir, { recursive: true, force: true });
});

/** What startMainApp got in its first call. */
function startOptions(): Record<string, unknown> & { settings: SettingsService } {
  return state.startMainApp.mock.calls[0]?.[0] as Record<string, unknown> & {
    settings: SettingsService;
  };
}

async function launch(configure: (electron: ReturnType<typeof createElectron>) => void = () => {}) {
  state.electron = createElectron();
  configure(state.electron);
  vi.resetModules();
  await import('../../../src/main/electron/main');
  return state.electron;
}

beforeEach(() => {
  process.env = Object.fromEntries(
    Object.entries(savedEnv).filter(([key]) => !OUR_ENV.includes(key)),
  );
  state.startMainApp.mockReset().mockResolvedValue(state.mainApp);
  state.startServer.mockReset().mockResolvedValue(state.server);
  state.mainApp.close.mockClear();
  state.server.close.mockClear();
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(() => {
  process.env = { ...savedEnv };
  vi.restoreAllMocks();
});

describe('main process lifecycle', () => {
  it('prepares schemes and the sandbox before the app is ready', async () => {
    const electron = await launch();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledTimes(1);
    expect(electron.app.enableSandbox).toHaveBeenCalledTimes(1);
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalledTimes(1);
  });

  it('in demo mode starts the reference server and signs in as the demo clerk', async () => {
    const electron = await launch();
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1));

    expect(state.startServer).toHaveBeenCalledWith({
      host: '127.0.0.1',
      port: 0,
      dataDir: join(userData, 'demo-server'),
      seed: true,
    });
    expect(state.startMainApp).toHaveBeenCalledWith({
      dbPath: join(userData, 'kvue-demo.sqlite'),
      serverUrl: 'http://127.0.0.1:41234',
      credentials: { username: 'demo.clerk', password: 'demo' },
      // The session file encrypted with safeStorage (FileVault; modules are reloaded per launch).
      vault: expect.objectContaining({ persistent: true }),
      nativeBinding: '/checkout/.native/better_sqlite3.node',
      appInfo: expect.objectContaining({ name: 'KVÜ Innendienst', version: '1.2.3' }),
      saveDiagnostics: expect.any(Function),
      logTail: expect.any(Function),
      settings: expect.any(Object),
    });
    expect(startOptions().settings.values).toMatchObject({
      serverUrl: null,
      idleLockMinutes: DEFAULT_IDLE_LOCK_MINUTES,
      retentionDays: DEFAULT_RETENTION_DAYS,
    });
    expect(startOptions().settings.view().files.user).toBe(join(userData, 'settings.json'));
    // Security before the window, the contract wired, the window on the app's own origin.
    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(electron.ipcMain.handle).toHaveBeenCalledTimes(CALL_NAMES.length);
    const [window] = electron.windows;
    expect(window?.options.webPreferences?.preload).toBe(
      join('/checkout', 'out', 'preload', 'index.cjs'),
    );
    expect(window?.loadURL).toHaveBeenCalledWith('app://kvue/index.html');
  });

  it('uses a configured server without starting the demo', async () => {
    process.env.KVUE_SERVER_URL = 'https://kvue.example.de';
    process.env.KVUE_USERNAME = 'm.mueller';
    process.env.KVUE_PASSWORD = 'geheim';
    const electron = await launch();
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1));
    expect(state.startServer).not.toHaveBeenCalled();
    expect(state.startMainApp).toHaveBeenCalledWith(
      expect.objectContaining({
        dbPath: join(userData, consoleDbFile('https://kvue.example.de')),
        serverUrl: 'https://kvue.example.de',
        credentials: { username: 'm.mueller', password: 'geheim' },
      }),
    );
  });

  it('without configured credentials leaves the sign-in to the login screen', async () => {
    process.env.KVUE_SERVER_URL = 'https://kvue.example.de';
    process.env.KVUE_IDLE_LOCK_MINUTES = '3';
    const electron = await launch();
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1));
    const options = startOptions();
    expect(options).not.toHaveProperty('credentials');
    expect(options.settings.values.idleLockMinutes).toBe(3);
    // Set by the environment: shown locked in the settings screen.
    expect(options.settings.view().locked).toContain('idleLockMinutes');
  });

  it('keeps the session only in memory where the OS offers no real encryption', async () => {
    const electron = await launch((fake) => {
      fake.safeStorage.getSelectedStorageBackend.mockReturnValue('basic_text');
    });
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1));
    const options = state.startMainApp.mock.calls[0]?.[0] as Record<string, unknown>;
    expect(options['vault']).toMatchObject({ persistent: false });
  });

  it('locks the console when Windows locks the screen or the machine goes to sleep', async () => {
    const electron = await launch();
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1));
    const lock = state.mainApp.impl['session.lock'];
    lock.mockClear();
    electron.powerMonitor.emit('lock-screen');
    electron.powerMonitor.emit('suspend');
    expect(lock).toHaveBeenCalledTimes(2);
  });

  it('loads the dev server only when unpackaged', async () => {
    process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173';
    const dev = await launch();
    await vi.waitFor(() => expect(dev.windows).toHaveLength(1));
    expect(dev.windows[0]?.loadURL).toHaveBeenCalledWith('http://localhost:5173/');

    const packaged = await launch((electron) => {
      electron.app.isPackaged = true;
    });
    await vi.waitFor(() => expect(packaged.windows).toHaveLength(1));
    expect(packaged.windows[0]?.loadURL).toHaveBeenCalledWith('app://kvue/index.html');
  });

  it('closes the services and the demo server before quitting', async () => {
    const electron = await launch();
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1));

    electron.app.emit('window-all-closed');
    expect(electron.app.quit).toHaveBeenCalledTimes(1);

    const first = preventable({});
    electron.app.emit('before-quit', first);
    expect(first.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalledTimes(2));
    expect(state.mainApp.close).toHaveBeenCalledTimes(1);
    expect(state.server.close).toHaveBeenCalledTimes(1);
    expect(electron.ipcMain.removeHandler).toHaveBeenCalledTimes(CALL_NAMES.length);

    // The second round is the real quit.
    const second = preventable({});
    electron.app.emit('before-quit', second);
    expect(second.preventDefault).not.toHaveBeenCalled();
  });

  it('shows the failure, closes what was started and exits when the start fails', async () => {
    state.startMainApp.mockRejectedValueOnce(new Error('database is locked'));
    const electron = await launch();
    await vi.waitFor(() => expect(electron.app.exit).toHaveBeenCalledWith(1));
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith(
      'KVÜ Innendienst',
      expect.stringContaining('database is locked'),
    );
    expect(state.server.close).toHaveBeenCalledTimes(1);
    expect(electron.windows).toHaveLength(0);
  });

  it('leaves the work to the running instance when another holds the lock', async () => {
    const electron = await launch((fake) => {
      fake.app.requestSingleInstanceLock.mockReturnValue(false);
    });
    expect(electron.app.quit).toHaveBeenCalledTimes(1);
    expect(electron.app.whenReady).not.toHaveBeenCalled();
  });

  it('opens a kvue://case link from the start arguments once the services run', async () => {
    const argv = process.argv;
    process.argv = [...argv, 'kvue://case/0F8FAD5B-D9CB-469F-A165-70867728950E'];
    try {
      const electron = await launch();
      await vi.waitFor(() => expect(electron.windows).toHaveLength(1));
    } finally {
      process.argv = argv;
    }
    expect(state.mainApp.openCase).toHaveBeenCalledWith('0f8fad5b-d9cb-469f-a165-70867728950e');
  });

  it('a link clicked while running focuses the window and opens that case', async () => {
    const electron = await launch();
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1));
    state.mainApp.openCase.mockClear();
    electron.app.emit('second-instance', {}, ['kvue-desk.exe', '--flag', 'kvue://case/x']);
    // Not a case id: focused, nothing opened.
    expect(electron.windows[0]?.focus).toHaveBeenCalledTimes(1);
    expect(state.mainApp.openCase).not.toHaveBeenCalled();
    electron.app.emit('second-instance', {}, [
      'kvue-desk.exe',
      'kvue://case/0f8fad5b-d9cb-469f-a165-70867728950e',
    ]);
    expect(state.mainApp.openCase).toHaveBeenCalledWith('0f8fad5b-d9cb-469f-a165-70867728950e');
  });

  it('registers the kvue scheme only for the installed app', async () => {
    const dev = await launch();
    await vi.waitFor(() => expect(dev.windows).toHaveLength(1));
    expect(dev.app.setAsDefaultProtocolClient).not.toHaveBeenCalled();
    const packaged = await launch((electron) => {
      electron.app.isPackaged = true;
    });
    await vi.waitFor(() => expect(packaged.windows).toHaveLength(1));
    expect(packaged.app.setAsDefaultProtocolClient).toHaveBeenCalledWith('kvue');
  });

  it('shows a German menu whose items reach the renderer, the session and nothing else', async () => {
    const electron = await launch();
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1));
    const template = electron.Menu.buildFromTemplate.mock.calls.at(-1)?.[0] ?? [];
    expect(template.map((menu) => menu.label)).toEqual([
      '&Datei',
      '&Bearbeiten',
      '&Ansicht',
      '&Fenster',
      '&Hilfe',
    ]);
    const items = template.flatMap((menu) => menu.submenu as MenuItemConstructorOptions[]);
    const click = (label: string) => {
      const item = items.find((entry) => entry.label === label);
      expect(item, label).toBeDefined();
      (item?.click as () => void)();
    };
    click('Einstellungen …');
    click('Tastenkürzel');
    click('Diagnose exportieren …');
    expect(state.mainApp.sendCommand.mock.calls).toEqual([
      ['settings'],
      ['shortcuts'],
      ['diagnostics'],
    ]);
    click('Sperren');
    expect(state.mainApp.impl['session.lock']).toHaveBeenCalled();
    // Updates are off by default: no menu item, no feed, no check.
    expect(items.some((entry) => entry.label === 'Nach Updates suchen …')).toBe(false);
    expect(state.updater.setFeedURL).not.toHaveBeenCalled();
  });

  it('remembers where the window was and opens it there next time', async () => {
    const first = await launch();
    await vi.waitFor(() => expect(first.windows).toHaveLength(1));
    const window = first.windows[0];
    if (!window) throw new Error('no window');
    window.bounds = { x: 200, y: 100, width: 1200, height: 800 };
    window.emit('close');
    const stateFile = join(userData, 'window-state.json');
    await vi.waitFor(async () => {
      const { readFile } = await import('node:fs/promises');
      expect(JSON.parse(await readFile(stateFile, 'utf8'))).toEqual({
        x: 200,
        y: 100,
        width: 1200,
        height: 800,
        maximized: false,
      });
    });

    const second = await launch();
    await vi.waitFor(() => expect(second.windows).toHaveLength(1));
    expect(second.windows[0]?.options).toMatchObject({ x: 200, y: 100, width: 1200, height: 800 });
    await rm(stateFile, { force: true });
  });

  it('reads the administrator preset next to the installed executable', async () => {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(
      join(installDir, 'kvue-desk.config.json'),
      JSON.stringify({
        settings: { serverUrl: 'https://kvue.stadt.example/' },
        locked: ['serverUrl'],
      }),
    );
    try {
      const electron = await launch((fake) => {
        fake.app.isPackaged = true;
      });
      await vi.waitFor(() => expect(electron.windows).toHaveLength(1));
      const { settings } = startOptions();
      expect(settings.values.serverUrl).toBe('https://kvue.stadt.example');
      expect(settings.view().locked).toContain('serverUrl');
      expect(state.startServer).not.toHaveBeenCalled();
    } finally {
      await rm(join(installDir, 'kvue-desk.config.json'), { force: true });
    }
  });

  it('saves diagnostics where the clerk chooses, and restarts for saved settings', async () => {
    const electron = await launch();
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1));
    const options = startOptions() as unknown as {
      saveDiagnostics: (name: string, content: string) => Promise<string | null>;
      settings: SettingsService;
    };
    expect(await options.saveDiagnostics('kvue-diagnose.json', '{}')).toBeNull();
    const target = join(userData, 'diagnose.json');
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    expect(await options.saveDiagnostics('kvue-diagnose.json', '{"ok":true}')).toBe(target);
    const { readFile } = await import('node:fs/promises');
    expect(await readFile(target, 'utf8')).toBe('{"ok":true}');

    expect(options.settings.restart()).toBe(true);
    expect(electron.app.relaunch).toHaveBeenCalledTimes(1);
  });
});
