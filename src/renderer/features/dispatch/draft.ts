import type { DispatchSendInput } from '../../../shared/contract/work-calls';
import { MESSAGE_BODY_MAX, type Priority } from '../../../shared/domain/conversation';

/** The reminder times a lead picks from. */
export const REMINDER_CHOICES = [15, 30, 60, 120] as const;

/** The dispatch form as typed. */
export interface DispatchDraft {
  teamIds: readonly string[];
  conversationIds: readonly string[];
  userIds: readonly string[];
  body: string;
  priority: Priority;
  ackRequested: boolean;
  remindAfterMinutes: number | null;
  later: boolean;
  /** `datetime-local` text, office time. */
  sendAtLocal: string;
}

export const EMPTY_DRAFT: DispatchDraft = {
  teamIds: [],
  conversationIds: [],
  userIds: [],
  body: '',
  priority: 'normal',
  ackRequested: false,
  remindAfterMinutes: null,
  later: false,
  sendAtLocal: '',
};

export interface DraftCheck {
  errors: { targets?: true; body?: true; sendAt?: true };
  /** A reminder is for urgent dispatches asking for acknowledgement only. */
  reminderApplies: boolean;
  /** What to send, when the draft is complete. */
  input: DispatchSendInput | null;
}

/** What is missing, and the call's input once nothing is. */
export function checkDispatchDraft(
  draft: DispatchDraft,
  now: number,
  toInstant: (local: string) => string | null,
): DraftCheck {
  const errors: DraftCheck['errors'] = {};
  const targets = draft.teamIds.length + draft.conversationIds.length + draft.userIds.length;
  if (targets === 0) errors.targets = true;
  const body = draft.body.trim();
  if (body === '' || body.length > MESSAGE_BODY_MAX) errors.body = true;
  let sendAt: string | null = null;
  if (draft.later) {
    sendAt = toInstant(draft.sendAtLocal);
    if (sendAt === null || Date.parse(sendAt) <= now) errors.sendAt = true;
  }
  const reminderApplies = draft.priority === 'urgent' && draft.ackRequested;
  const complete = Object.keys(errors).length === 0;
  return {
    errors,
    reminderApplies,
    input: complete
      ? {
          targets: {
            teamIds: [...draft.teamIds],
            conversationIds: [...draft.conversationIds],
            userIds: [...draft.userIds],
          },
          body,
          priority: draft.priority,
          ackRequested: draft.ackRequested,
          ...(sendAt ? { sendAt } : {}),
          ...(reminderApplies && draft.remindAfterMinutes !== null
            ? { remindAfterMinutes: draft.remindAfterMinutes }
            : {}),
        }
      : null,
  };
}
