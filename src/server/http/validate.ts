import type { z } from 'zod';
import { ApiFailure } from '../errors';

/**
 * The path of the first string in `value` holding U+0000, or null. PostgreSQL text cannot store
 * that character, so such input must be refused as invalid before it reaches the store rather
 * than fail there as a server error. Returns [] for a bare string.
 */
export function nulCharacterPath(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = nulCharacterPath(item, [...path, String(index)]);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = nulCharacterPath(item, [...path, key]);
      if (found) return found;
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
