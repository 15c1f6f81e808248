import { z } from 'zod';
import { MESSAGE_BODY_MAX, prioritySchema } from '../../../shared/domain/conversation';
import { remindAfterMinutesSchema } from '../../../shared/domain/dispatch';

/** A saved dispatch: what a team lead sends again and again ("Großveranstaltung", "Unwetter"). */
export const templateSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(80),
  body: z.string().min(1).max(MESSAGE_BODY_MAX),
  priority: prioritySchema,
  ackRequested: z.boolean(),
  remindAfterMinutes: remindAfterMinutesSchema.nullable(),
});
export type DispatchTemplate = z.infer<typeof templateSchema>;

export const TEMPLATES_MAX = 50;
const NAME_MAX = 40;

/** The stored list as far as it is readable: a damaged entry is dropped, not the whole list. */
export function parseTemplates(raw: string | null): DispatchTemplate[] {
  if (!raw) return [];
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(data)) return [];
  return data.flatMap((entry) => {
    const parsed = templateSchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}

/** A template's name: the message's first line, shortened. */
export function templateName(body: string): string {
  const line = body.trim().split('\n')[0]?.trim() ?? '';
  return line.length > NAME_MAX ? `${line.slice(0, NAME_MAX - 1).trimEnd()}…` : line;
}

/** Adds or replaces (by name) a template, newest first, at most TEMPLATES_MAX. */
export function withTemplate(
  list: readonly DispatchTemplate[],
  template: DispatchTemplate,
): DispatchTemplate[] {
  return [template, ...list.filter((t) => t.name !== template.name)].slice(0, TEMPLATES_MAX);
}
