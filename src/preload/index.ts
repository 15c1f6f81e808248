import { contextBridge, ipcRenderer } from 'electron';
import {
  buildKvueApi,
  EVENT_NAMES,
  unwrapForBridge,
  type CallName,
  type CallResult,
  type EventName,
} from '../shared/contract';
import { callChannel, EVENT_CHANNEL } from '../shared/contract/ipc';

const invoke = async (name: CallName, input: unknown): Promise<unknown> =>
  unwrapForBridge((await ipcRenderer.invoke(callChannel(name), input)) as CallResult);

const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}

// One IPC listener for all events: the IpcRendererEvent stays here, the renderer gets the payload.
ipcRenderer.on(EVENT_CHANNEL, (_event, message: unknown) => {
  if (typeof message !== 'object' || message === null) return;
  const { name, payload } = message as { name?: unknown; payload?: unknown };
  if (!isEventName(name)) return;
  for (const listener of listeners.get(name) ?? []) {
    try {
      listener(payload);
    } catch (error) {
      // One broken listener must not keep the event from the others.
      console.error(`[preload] listener for ${name} failed`, error);
    }
  }
});

const subscribe = (event: EventName, listener: (payload: unknown) => void): (() => void) => {
  let set = listeners.get(event);
  if (!set) listeners.set(event, (set = new Set()));
  set.add(listener);
  return () => {
    set.delete(listener);
  };
};

contextBridge.exposeInMainWorld('kvue', buildKvueApi(invoke, subscribe));
