import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { CALL_NAMES, type CallResult } from '../../shared/contract';
import { callChannel, EVENT_CHANNEL, type IpcEventMessage } from '../../shared/contract/ipc';
import type { MainApp } from '../app';
import { dispatchCall } from '../contract/dispatch';

export interface ContractIpcOptions {
  isTrustedSender(event: IpcMainInvokeEvent): boolean;
  /** The WebContents that should receive events right now. */
  eventTargets(): Iterable<WebContents>;
}

const FORBIDDEN: CallResult = {
  ok: false,
  error: { code: 'forbidden', message: 'Calls are accepted from the app window only' },
};

/**
 * Serves the contract over Electron IPC: one handler per call, each checking the sender frame
 * before `dispatchCall` validates the input, and the app's events forwarded to our windows.
 * Returns a function that removes all of it.
 */
export function registerContract(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  app: MainApp,
  options: ContractIpcOptions,
): () => void {
  for (const name of CALL_NAMES) {
    ipcMain.handle(callChannel(name), async (event, input: unknown): Promise<CallResult> => {
      if (!options.isTrustedSender(event)) {
        console.warn(`[ipc] refused ${name} from ${event.senderFrame?.url ?? 'a gone frame'}`);
        return FORBIDDEN;
      }
      return dispatchCall(app.impl, name, input);
    });
  }

  const unsubscribe = app.onEvent((name, payload) => {
    const message: IpcEventMessage = { name, payload };
    for (const contents of options.eventTargets()) contents.send(EVENT_CHANNEL, message);
  });

  return () => {
    unsubscribe();
    for (const name of CALL_NAMES) ipcMain.removeHandler(callChannel(name));
  };
}
