import type { CallName, EventName } from './index';

/**
 * Electron IPC channel names, shared by the preload and main so neither has to import the
 * other. One channel per call lets main register exactly the contract's calls and nothing else.
 */
export function callChannel(name: CallName): string {
  return `kvue:call:${name}`;
}

/** Every event travels on this one channel as an {@link IpcEventMessage}. */
export const EVENT_CHANNEL = 'kvue:event';

export interface IpcEventMessage {
  name: EventName;
  payload: unknown;
}
