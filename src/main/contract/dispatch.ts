import {
  calls,
  ContractError,
  type CallName,
  type CallResult,
  type ContractImpl,
} from '../../shared/contract';

function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(calls, name);
}

/**
 * Runs one contract call for either transport: checks the name, validates the input with the
 * call's schema, and turns every failure into a result the renderer can read. Nothing reaches the
 * implementation unvalidated.
 */
export async function dispatchCall(
  impl: ContractImpl,
  name: string,
  input: unknown,
): Promise<CallResult> {
  if (!isCallName(name)) {
    return { ok: false, error: { code: 'unknown_call', message: `Unknown call: ${name}` } };
  }
  const parsed = calls[name].input.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    return {
      ok: false,
      error: {
        code: 'invalid_input',
        message: `Invalid input for ${name}${where}: ${issue?.message ?? 'rejected'}`,
      },
    };
  }
  try {
    // The cast is sound: `parsed.data` was produced by `calls[name].input` for this very name.
    const run = impl[name] as (input: unknown) => Promise<unknown>;
    return { ok: true, value: await run(parsed.data) };
  } catch (error) {
    if (error instanceof ContractError) {
      return { ok: false, error: { code: error.code, message: error.message } };
    }
    console.error(`[contract] ${name} failed`, error);
    return { ok: false, error: { code: 'internal', message: `${name} failed` } };
  }
}
