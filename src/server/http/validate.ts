import type { z } from 'zod';
import { ApiFailure } from '../errors';

/** One value still to look at, with the way to it (kept as links, built only for a find). */
interface Visit {
  value: unknown;
  key: string | null;
  parent: Visit | null;
}

function keysTo(visit: Visit): string[] {
  const keys: string[] = [];
  for (let at: Visit | null = visit; at; at = at.parent) if (at.key !== null) keys.push(at.key);
  return keys.reverse();
}

/**
 * The path of the first string in `value` holding U+0000, or null. PostgreSQL text cannot store
 * that character, so such input must be refused as invalid before it reaches the store rather
 * than fail there as a server error. Returns [] for a bare string.
 *
 * Walks depth first with a stack of its own instead of recursing: a 1 MiB JSON body can nest
 * hundreds of thousands of levels, and a recursive walk overflowed the call stack there (a 500
 * where a 400 belongs; found by tests/property/server-routes.test.ts).
 */
export function nulCharacterPath(value: unknown, path: string[] = []): string[] | null {
  const pending: Visit[] = [{ value, key: null, parent: null }];
  for (let visit = pending.pop(); visit; visit = pending.pop()) {
    const current = visit.value;
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return [...path, ...keysTo(visit)];
    } else if (current !== null && typeof current === 'object') {
      const entries: [string, unknown][] = Array.isArray(current)
        ? Array.from(current, (item: unknown, index) => [String(index), item])
        : Object.entries(current);
      // Pushed last to first, so the first entry is looked at first, as a recursive walk would.
      for (const [key, item] of entries.reverse())
        pending.push({ value: item, key, parent: visit });
    }
  }
  return null;
}

const NUL_MESSAGE = 'text may not contain the character U+0000';

/**
 * Parses request input with a shared zod schema; a failure becomes a 400 naming the field.
 * `checkText: false` skips the U+0000 check for an envelope whose parts are checked one by one.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what: string,
  options: { checkText: boolean } = { checkText: true },
): z.infer<S> {
  const nul = options.checkText ? nulCharacterPath(input) : null;
  if (nul) {
    const field = nul.length > 0 ? nul.join('.') : undefined;
    throw new ApiFailure(
      400,
      'invalid_input',
      field ? `Invalid ${what} field ${field}: ${NUL_MESSAGE}` : `Invalid ${what}: ${NUL_MESSAGE}`,
      field,
    );
  }
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : undefined;
  const message = field
    ? `Invalid ${what} field ${field}: ${issue?.message ?? 'invalid value'}`
    : `Invalid ${what}: ${issue?.message ?? 'invalid value'}`;
  throw new ApiFailure(400, 'invalid_input', message, field);
}
