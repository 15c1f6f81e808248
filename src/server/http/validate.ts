import type { z } from 'zod';
import { ApiFailure } from '../errors';

/** Parses request input with a shared zod schema; a failure becomes a 400 naming the field. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what: string,
): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : undefined;
  const message = field
    ? `Invalid ${what} field ${field}: ${issue?.message ?? 'invalid value'}`
    : `Invalid ${what}: ${issue?.message ?? 'invalid value'}`;
  throw new ApiFailure(400, 'invalid_input', message, field);
}
