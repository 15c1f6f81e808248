import { z } from 'zod';
import { conversationKindSchema, prioritySchema } from '../domain/conversation';
import { EXCERPT_MAX } from './message-calls';
import { appCommandSchema, openCaseSchema } from './app-calls';
import { sessionInfoSchema } from './session-calls';
import { settingsViewSchema } from './settings-calls';
import { syncStatusSchema } from './sync-status';

export const DATA_ENTITIES = ['cases', 'photos', 'outbox', 'messages'] as const;
export const dataChangedSchema = z.object({
  entities: z.array(z.enum(DATA_ENTITIES)).min(1),
});
export type DataChanged = z.infer<typeof dataChangedSchema>;

/** A message from someone else that has just reached this console (for desktop notifications). */
export const arrivalSchema = z.object({
  messageId: z.uuid(),
  conversationId: z.uuid(),
  conversationKind: conversationKindSchema,
  /** The group's or channel's title; for a direct conversation the sender's name. */
  conversationTitle: z.string(),
  senderName: z.string(),
  excerpt: z.string().max(EXCERPT_MAX + 1),
  priority: prioritySchema,
  ackRequested: z.boolean(),
});
export type Arrival = z.infer<typeof arrivalSchema>;

/** Arrivals announced at once; more in one pull are the backlog of a console that was closed. */
export const ARRIVALS_MAX = 100;
export const messagesArrivedSchema = z.object({
  messages: z.array(arrivalSchema).max(ARRIVALS_MAX),
});
export type MessagesArrived = z.infer<typeof messagesArrivedSchema>;

/** Every event from main to renderer, declared once. */
export const events = {
  'sync.status': syncStatusSchema,
  /** Tells the renderer which query keys to refetch after a sync applied changes. */
  'data.changed': dataChangedSchema,
  /** Messages from others that have just arrived; the renderer may notify the user. */
  'messages.arrived': messagesArrivedSchema,
  /** Signed in, locked, signed out: the renderer shows the app only while signed in. */
  'session.changed': sessionInfoSchema,
  /** Settings were saved (here or by the menu): language, notices and the rest apply at once. */
  'settings.changed': settingsViewSchema,
  /** A `kvue://case/<id>` link was opened: show that case. */
  'app.openCase': openCaseSchema,
  /** A menu item for the renderer: the settings, the shortcut overview, diagnostics, about. */
  'app.command': appCommandSchema,
} as const;
