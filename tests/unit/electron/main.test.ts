import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import { DEFAULT_IDLE_LOCK_MINUTES } from '../../../src/main/electron/config';
import { DEFAULT_RETENTION_DAYS } from '../../../src/main/privacy/retention';
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
    getPath: vi.fn(() => userData),
    quit: vi.fn(),
    exit: vi.fn(),
  });
  const windows: FakeWindow[] = [];
  class FakeWindow extends EventEmitter {
    readonly webContents = new FakeWebContents();
    readonly loadURL = vi.fn(async () => undefined);
    readonly show = vi.fn();
    constructor(readonly options: BrowserWindowConstructorOptions) {
      super();
      windows.push(this);
    }
    isDestroyed() {
      return false;
    }
  }
  return {
    app,
    windows,
    BrowserWindow: FakeWindow,
    dialog: { showErrorBox: vi.fn() },
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
    impl: { 'session.lock': vi.fn(async () => ({})) },
    onEvent: vi.fn(() => () => undefined),
    close: vi.fn(async () => {}),
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
});
afterAll(async () => {
  await rm(userData, { recursive: true, force: true });
});

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
      idleLockMinutes: DEFAULT_IDLE_LOCK_MINUTES,
      retentionDays: DEFAULT_RETENTION_DAYS,
      nativeBinding: '/checkout/.native/better_sqlite3.node',
    });
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
        dbPath: join(userData, 'kvue.sqlite'),
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
    const options = state.startMainApp.mock.calls[0]?.[0] as Record<string, unknown>;
    expect(options).not.toHaveProperty('credentials');
    expect(options).toMatchObject({ idleLockMinutes: 3 });
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
});
