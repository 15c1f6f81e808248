import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IpcMain, IpcMainInvokeEvent, WebContents, WebFrameMain } from 'electron';
import {
  CALL_NAMES,
  type CallResult,
  type ContractImpl,
  type SyncStatus,
} from '../../../src/shared/contract';
import type { EventListener, MainApp } from '../../../src/main/app';
import { registerContract } from '../../../src/main/electron/ipc';
import { rendererOrigin, type RendererOrigin } from '../../../src/main/electron/origin';
import { createSenderTrust } from '../../../src/main/electron/trust';
import { FakeWebContents, fakeFrame } from './fakes';

vi.mock('electron', () => ({}));

type Handler = (event: IpcMainInvokeEvent, input: unknown) => Promise<CallResult>;

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: vi.fn((channel: string, handler: Handler) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, handler);
    }),
    removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
  };
  return { handlers, ipcMain: ipcMain as unknown as Pick<IpcMain, 'handle' | 'removeHandler'> };
}

const SYNC_STATUS: SyncStatus = {
  state: 'idle',
  cursor: 0,
  lastSyncedAt: null,
  caseCount: 0,
  error: null,
};

function fakeApp() {
  const listeners = new Set<EventListener>();
  const impl = {
    'cases.list': vi.fn(async () => ({ total: 0, offset: 0, rows: [] })),
    'sync.status': vi.fn(async () => SYNC_STATUS),
  } satisfies Partial<Record<keyof ContractImpl, unknown>>;
  const app: MainApp = {
    impl: impl as unknown as ContractImpl,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => undefined,
  };
  const emit: EventListener = (name, payload) => {
    for (const listener of listeners) listener(name, payload);
  };
  return { app, impl, listeners, emit };
}

function setup(origin: RendererOrigin = rendererOrigin()) {
  const { handlers, ipcMain } = fakeIpcMain();
  const { app, impl, listeners, emit } = fakeApp();
  const window = new FakeWebContents(origin.entryUrl);
  const ours = new Set<WebContents>([window.asWebContents()]);
  const trust = createSenderTrust({ isOwnWindow: (contents) => ours.has(contents), origin });
  const dispose = registerContract(ipcMain, app, {
    isTrustedSender: (event) => trust.isTrustedSender(event),
    eventTargets: () => [...ours].filter((contents) => trust.isTrustedTarget(contents)),
  });
  const call = (channel: string, input: unknown, event: Partial<IpcMainInvokeEvent> = {}) => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    const sender = window.asWebContents();
    return handler(
      { sender, senderFrame: sender.mainFrame, ...event } as IpcMainInvokeEvent,
      input,
    );
  };
  return { handlers, ipcMain, impl, listeners, emit, window, ours, dispose, call };
}

const validList = { offset: 0, limit: 50 };

describe('registerContract', () => {
  // Refusals are logged; keep the test output readable.
  beforeEach(() => vi.spyOn(console, 'warn').mockImplementation(() => undefined));
  afterEach(() => vi.restoreAllMocks());

  it('registers one handler per contract call and nothing else', () => {
    const { handlers } = setup();
    expect([...handlers.keys()].sort()).toEqual(
      CALL_NAMES.map((name) => `kvue:call:${name}`).sort(),
    );
  });

  it('runs a valid call from the app window and returns ok', async () => {
    const { call, impl } = setup();
    const result = await call('kvue:call:cases.list', validList);
    expect(result).toEqual({ ok: true, value: { total: 0, offset: 0, rows: [] } });
    // The implementation sees the parsed input, defaults filled in.
    expect(impl['cases.list']).toHaveBeenCalledWith({
      ...validList,
      sort: { field: 'observedAt', dir: 'desc' },
    });
  });

  it('answers invalid input with invalid_input and never calls the implementation', async () => {
    const { call, impl } = setup();
    const result = await call('kvue:call:cases.list', { offset: -1, limit: 50 });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const extra = await call('kvue:call:sync.status', { sneaky: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(impl['cases.list']).not.toHaveBeenCalled();
    expect(impl['sync.status']).not.toHaveBeenCalled();
  });

  const forbidden = { ok: false, error: { code: 'forbidden' } };

  it('refuses a frame from another origin', async () => {
    const { call, impl } = setup();
    for (const url of [
      'https://evil.example/',
      'file:///home/clerk/Downloads/index.html',
      'app://other/index.html',
      'http://localhost:5173/',
    ]) {
      const result = await call('kvue:call:cases.list', validList, { senderFrame: fakeFrame(url) });
      expect(result, url).toMatchObject(forbidden);
    }
    expect(impl['cases.list']).not.toHaveBeenCalled();
  });

  it('refuses a subframe, even one of our own origin', async () => {
    const { call, impl, window } = setup();
    const subframe = fakeFrame('app://kvue/index.html', window.mainFrame);
    const result = await call('kvue:call:sync.status', {}, { senderFrame: subframe });
    expect(result).toMatchObject(forbidden);
    expect(impl['sync.status']).not.toHaveBeenCalled();
  });

  it('refuses a gone frame and a WebContents that is not one of our windows', async () => {
    const { call, impl } = setup();
    expect(await call('kvue:call:sync.status', {}, { senderFrame: null })).toMatchObject(forbidden);
    const stranger = new FakeWebContents('app://kvue/index.html').asWebContents();
    const fromStranger = await call(
      'kvue:call:sync.status',
      {},
      {
        sender: stranger,
        senderFrame: stranger.mainFrame,
      },
    );
    expect(fromStranger).toMatchObject(forbidden);
    expect(impl['sync.status']).not.toHaveBeenCalled();
  });

  it('trusts the dev server origin when the renderer comes from it', async () => {
    const { call, impl } = setup(rendererOrigin('http://localhost:5173'));
    const result = await call('kvue:call:sync.status', {});
    expect(result).toEqual({ ok: true, value: SYNC_STATUS });
    expect(impl['sync.status']).toHaveBeenCalledTimes(1);
    const packaged = await call(
      'kvue:call:sync.status',
      {},
      {
        senderFrame: fakeFrame('app://kvue/index.html'),
      },
    );
    expect(packaged).toMatchObject(forbidden);
  });

  it('forwards events to our windows as { name, payload }', () => {
    const { emit, window, ours } = setup();
    const elsewhere = new FakeWebContents('https://evil.example/');
    ours.add(elsewhere.asWebContents());
    emit('data.changed', { entities: ['cases'] });
    expect(window.send).toHaveBeenCalledWith('kvue:event', {
      name: 'data.changed',
      payload: { entities: ['cases'] },
    });
    // A window whose page is no longer ours hears nothing.
    expect(elsewhere.send).not.toHaveBeenCalled();
  });

  it('does not send to destroyed windows', () => {
    const { emit, window } = setup();
    window.destroy();
    emit('sync.status', SYNC_STATUS);
    expect(window.send).not.toHaveBeenCalled();
  });

  it('removes its handlers and its event subscription on dispose', () => {
    const { dispose, handlers, listeners } = setup();
    dispose();
    expect(handlers.size).toBe(0);
    expect(listeners.size).toBe(0);
  });
});

describe('createSenderTrust', () => {
  it('needs a frame without parent', () => {
    const origin = rendererOrigin();
    const contents = new FakeWebContents();
    const trust = createSenderTrust({ isOwnWindow: () => true, origin });
    const sender = contents.asWebContents();
    const top = fakeFrame('app://kvue/index.html');
    expect(trust.isTrustedSender({ sender, senderFrame: top })).toBe(true);
    const child: WebFrameMain = fakeFrame('app://kvue/x.html', top);
    expect(trust.isTrustedSender({ sender, senderFrame: child })).toBe(false);
  });
});
