import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  CALL_NAMES,
  ContractError,
  reviveContractError,
  type KvueApi,
} from '../../../src/shared/contract';

type IpcListener = (event: unknown, ...args: unknown[]) => void;

const electron = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  const ipcListeners = new Map<string, IpcListener[]>();
  return {
    exposed,
    ipcListeners,
    contextBridge: {
      exposeInMainWorld: vi.fn((key: string, api: unknown) => exposed.set(key, api)),
    },
    ipcRenderer: {
      invoke: vi.fn(async (): Promise<unknown> => ({ ok: true, value: null })),
      on: vi.fn((channel: string, listener: IpcListener) => {
        ipcListeners.set(channel, [...(ipcListeners.get(channel) ?? []), listener]);
      }),
    },
  };
});

vi.mock('electron', () => ({
  contextBridge: electron.contextBridge,
  ipcRenderer: electron.ipcRenderer,
}));

let kvue: KvueApi;

/** What main would send on the event channel, with an IpcRendererEvent in front. */
function sendFromMain(message: unknown) {
  const ipcEvent = { sender: electron.ipcRenderer, senderId: 0, ports: [] };
  for (const listener of electron.ipcListeners.get('kvue:event') ?? []) listener(ipcEvent, message);
}

beforeAll(async () => {
  await import('../../../src/preload/index');
  kvue = electron.exposed.get('kvue') as KvueApi;
});

describe('preload', () => {
  it('exposes window.kvue and nothing else', () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect([...electron.exposed.keys()]).toEqual(['kvue']);
  });

  it('exposes exactly the contract calls plus on()', () => {
    const expected: Record<string, string[]> = {};
    for (const name of CALL_NAMES) {
      const [area, verb] = name.split('.') as [string, string];
      (expected[area] ??= []).push(verb);
    }
    const api = kvue as unknown as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...Object.keys(expected), 'on'].sort());
    expect(typeof api.on).toBe('function');
    for (const [area, verbs] of Object.entries(expected)) {
      const functions = api[area] as Record<string, unknown>;
      expect(Object.keys(functions).sort(), area).toEqual([...verbs].sort());
      for (const verb of verbs) expect(typeof functions[verb]).toBe('function');
    }
    // Nothing of Electron leaks through: no ipcRenderer, no invoke, no send.
    const flat = JSON.stringify(Object.keys(api));
    expect(flat).not.toMatch(/ipc|invoke|send/i);
  });

  it('sends a call on its own channel and resolves with the value', async () => {
    const page = { total: 0, offset: 0, rows: [] };
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: page });
    const input = { offset: 0, limit: 50 };
    await expect(kvue.cases.list(input)).resolves.toEqual(page);
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith('kvue:call:cases.list', input);
  });

  it('rejects with a plain failure that survives the bridge and revives as a ContractError', async () => {
    electron.ipcRenderer.invoke.mockResolvedValueOnce({
      ok: false,
      error: { code: 'invalid_input', message: 'Invalid input for cases.list at limit' },
    });
    const reason: unknown = await kvue.cases.list({ offset: 0, limit: 0 }).catch((e) => e);
    // contextBridge copies an Error's message only; a plain object is cloned whole.
    expect(reason).not.toBeInstanceOf(Error);
    const crossed = structuredClone(reason);
    const revived: unknown = (() => {
      try {
        return reviveContractError(crossed);
      } catch (error) {
        return error;
      }
    })();
    expect(revived).toBeInstanceOf(ContractError);
    expect(revived).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('limit'),
    });
  });

  it('delivers events by name with the payload only, never the IPC event', () => {
    expect(electron.ipcRenderer.on).toHaveBeenCalledTimes(1);
    expect(electron.ipcRenderer.on).toHaveBeenCalledWith('kvue:event', expect.any(Function));
    const changed = vi.fn();
    const status = vi.fn();
    const stopChanged = kvue.on('data.changed', changed);
    kvue.on('sync.status', status);

    sendFromMain({ name: 'data.changed', payload: { entities: ['cases'] } });
    expect(changed).toHaveBeenCalledTimes(1);
    expect(changed.mock.calls[0]).toEqual([{ entities: ['cases'] }]);
    expect(status).not.toHaveBeenCalled();

    stopChanged();
    sendFromMain({ name: 'data.changed', payload: { entities: ['cases'] } });
    expect(changed).toHaveBeenCalledTimes(1);
  });

  it('ignores malformed and unknown messages, and survives a throwing listener', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const listener = vi.fn();
    kvue.on('data.changed', () => {
      throw new Error('broken listener');
    });
    kvue.on('data.changed', listener);
    sendFromMain(null);
    sendFromMain('data.changed');
    sendFromMain({ name: 'secrets.dump', payload: 1 });
    expect(listener).not.toHaveBeenCalled();
    sendFromMain({ name: 'data.changed', payload: { entities: ['cases'] } });
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
