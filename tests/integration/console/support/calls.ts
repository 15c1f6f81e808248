import { vi } from 'vitest';
import {
  unwrapCallResult,
  type CallInput,
  type CallName,
  type CallOutput,
} from '../../../../src/shared/contract';
import type { MainApp } from '../../../../src/main/app';
import { dispatchCall } from '../../../../src/main/contract/dispatch';

/** Retries `fn` until it passes: sync and push run in the background. */
export const waitFor = <T>(fn: () => T | Promise<T>, timeout = 20_000) =>
  vi.waitFor(fn, { timeout, interval: 50 });

/** A contract call as the transports make it: input validated, errors as the renderer sees them. */
export async function call<N extends CallName>(
  app: MainApp,
  name: N,
  input: CallInput<N>,
): Promise<CallOutput<N>> {
  return unwrapCallResult(await dispatchCall(app.impl, name, input)) as CallOutput<N>;
}
