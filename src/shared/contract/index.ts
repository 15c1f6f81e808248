import type { z } from 'zod';
import { appCalls } from './app-calls';
import { auditCalls } from './audit-calls';
import { caseCalls } from './case-calls';
import { calls as baseCalls } from './calls';
import { events } from './events';
import { messageCalls } from './message-calls';
import { sessionCalls } from './session-calls';
import { settingsCalls } from './settings-calls';

export * from './app-calls';
export * from './audit-calls';
export * from './calls';
export * from './case-calls';
export * from './events';
export * from './message-calls';
export * from './session-calls';
export * from './settings-calls';
export * from './sync-status';

/**
 * Every call: the base contract, case review (#5), messages (#6), session and audit (#7),
 * settings, links and diagnostics (#8).
 */
export const calls = {
  ...baseCalls,
  ...caseCalls,
  ...messageCalls,
  ...sessionCalls,
  ...auditCalls,
  ...settingsCalls,
  ...appCalls,
} as const;

export { events };

export type Calls = typeof calls;
export type CallName = keyof Calls & string;
export type CallInput<N extends CallName> = z.input<Calls[N]['input']>;
export type CallOutput<N extends CallName> = z.output<Calls[N]['output']>;

export type Events = typeof events;
export type EventName = keyof Events & string;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const CALL_NAMES = Object.keys(calls) as CallName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

/** What main implements: one async function per call, receiving validated input. */
export type ContractImpl = {
  [N in CallName]: (input: z.output<Calls[N]['input']>) => Promise<CallOutput<N>>;
};

type AreaOf<N> = N extends `${infer A}.${string}` ? A : never;
type Area = AreaOf<CallName>;

/** What the renderer sees on `window.kvue`. */
export type KvueApi = {
  [A in Area]: {
    [N in CallName as N extends `${A}.${infer V}` ? V : never]: (
      input: CallInput<N>,
    ) => Promise<CallOutput<N>>;
  };
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

export type Invoke = (name: CallName, input: unknown) => Promise<unknown>;
export type Subscribe = (event: EventName, listener: (payload: unknown) => void) => () => void;

/**
 * Builds `window.kvue` from a transport. Shared by the Electron preload and the browser bridge
 * so both expose exactly the same functions.
 */
export function buildKvueApi(invoke: Invoke, subscribe: Subscribe): KvueApi {
  const api: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {};
  for (const name of CALL_NAMES) {
    const [area, verb] = name.split('.') as [string, string];
    (api[area] ??= {})[verb] = (input: unknown) => invoke(name, input);
  }
  const on = (event: EventName, listener: (payload: unknown) => void) => subscribe(event, listener);
  return Object.freeze({ ...api, on }) as unknown as KvueApi;
}

/** `not_found`: the input was well formed but names nothing there (a case gone from the copy). */
export type ContractErrorCode =
  'invalid_input' | 'not_found' | 'unknown_call' | 'forbidden' | 'internal';

export class ContractError extends Error {
  constructor(
    readonly code: ContractErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ContractError';
  }
}

/**
 * What crosses a transport for one call. Errors travel as data because Electron's IPC keeps only
 * an error's message, and the renderer needs the code to tell bad input from a broken main.
 */
export type CallResult =
  { ok: true; value: unknown } | { ok: false; error: { code: ContractErrorCode; message: string } };

export function unwrapCallResult(result: CallResult): unknown {
  if (result.ok) return result.value;
  throw new ContractError(result.error.code, result.error.message);
}

interface BridgedFailure {
  kvueContractError: true;
  code: ContractErrorCode;
  message: string;
}

/**
 * Electron's contextBridge copies only the message of a thrown Error, but a plain object crosses
 * whole; so the preload rejects with one and the renderer revives it with
 * {@link reviveContractError}.
 */
export function unwrapForBridge(result: CallResult): Promise<unknown> {
  if (result.ok) return Promise.resolve(result.value);
  const failure: BridgedFailure = { kvueContractError: true, ...result.error };
  return Promise.reject(failure);
}

export function reviveContractError(reason: unknown): never {
  if (typeof reason === 'object' && reason !== null && 'kvueContractError' in reason) {
    const { code, message } = reason as BridgedFailure;
    throw new ContractError(code, message);
  }
  throw reason;
}
