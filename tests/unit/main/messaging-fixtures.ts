import { randomUUID } from 'node:crypto';
import { calls, type CallOutput } from '../../../src/shared/contract';
import type {
  ConversationKind,
  MessageRecord,
  ReceiptRecord,
} from '../../../src/shared/domain/conversation';
import type { Role } from '../../../src/shared/domain/user';
import type { Db } from '../../../src/main/db/connection';
import { messageCallsImpl } from '../../../src/main/messaging/calls';
import type { Reader } from '../../../src/main/messaging/reader';
import { Feed } from './case-queue-fixtures';
import { CLERK } from './outbox-support';

/** The clerk at this console: the outbox fixture's user, so sent work and reads line up. */
export const ME: Reader = { id: CLERK.id, role: CLERK.role };
export const LEAD: Reader = { id: 'lead-1', role: 'team_lead' };

type MessageCallName = 'conversations.list' | 'messages.page' | 'messages.search';

/** The message calls as the renderer runs them: input through the contract, output checked. */
export function messageCalls(db: Db, me: Reader | null = ME) {
  const impl = messageCallsImpl(db, { me: () => me });
  return async function call<N extends MessageCallName>(
    name: N,
    input: unknown,
  ): Promise<CallOutput<N>> {
    const parsed = calls[name].input.parse(input);
    const run = impl[name] as (input: unknown) => Promise<CallOutput<N>>;
    const output = await run(parsed);
    calls[name].output.parse(output);
    return output;
  };
}
export type MessageCall = ReturnType<typeof messageCalls>;

const START = Date.UTC(2026, 10, 20, 7, 0, 0);
/** A time on the tests' day, `minutes` after 08:00 in Berlin. */
export const at = (minutes: number) => new Date(START + minutes * 60_000).toISOString();

export interface NewConversation {
  kind: ConversationKind;
  title?: string;
  teamId?: string | null;
  members: string[];
  createdAt?: string;
}

/**
 * Conversations, people and messages as the sync brings them (through its real apply path, so
 * the search triggers see what the sync does). Messages get one minute after another unless a
 * time is given.
 */
export class Chat {
  readonly feed: Feed;
  private minute = 0;
  constructor(readonly db: Db) {
    this.feed = new Feed(db);
  }

  team(id: string, name: string): void {
    this.feed.upsert('team', { id, name, districts: [1] });
  }

  person(id: string, displayName: string, teamId: string | null = null, role: Role = 'officer') {
    this.feed.upsert('person', { id, displayName, role, teamId });
  }

  conversation(spec: NewConversation): string {
    const id = randomUUID();
    const createdAt = spec.createdAt ?? at(0);
    this.feed.upsert('conversation', {
      id,
      kind: spec.kind,
      title: spec.title ?? '',
      teamId: spec.teamId ?? null,
      createdBy: spec.members[0] ?? 'lead-1',
      createdAt,
    });
    this.feed.upsert(
      'member',
      ...spec.members.map((userId, i) => ({
        conversationId: id,
        userId,
        role: i === 0 ? ('owner' as const) : ('member' as const),
        joinedAt: createdAt,
      })),
    );
    return id;
  }

  messageRecord(
    conversationId: string,
    senderId: string,
    body: string,
    overrides: Partial<MessageRecord> = {},
  ): MessageRecord {
    return {
      id: randomUUID(),
      conversationId,
      senderId,
      body,
      caseId: null,
      photoSha256s: [],
      replyToId: null,
      priority: 'normal',
      ackRequested: false,
      sentAt: at(++this.minute),
      dispatchId: null,
      remindedAt: null,
      ...overrides,
    };
  }

  message(
    conversationId: string,
    senderId: string,
    body: string,
    overrides: Partial<MessageRecord> = {},
  ): MessageRecord {
    const record = this.messageRecord(conversationId, senderId, body, overrides);
    this.feed.upsert('message', record);
    return record;
  }

  /** Many messages, a feed page per thousand. */
  messages(records: MessageRecord[]): void {
    for (let i = 0; i < records.length; i += 1000) {
      this.feed.upsert('message', ...records.slice(i, i + 1000));
    }
  }

  receipt(messageId: string, userId: string, state: 'delivered' | 'read' | 'acknowledged'): void {
    const time = at(++this.minute);
    const record: ReceiptRecord = {
      messageId,
      userId,
      deliveredAt: time,
      readAt: state === 'delivered' ? null : time,
      acknowledgedAt: state === 'acknowledged' ? time : null,
    };
    this.feed.upsert('receipt', record);
  }
}

/** Every message id of a conversation in its order (time, then id): what paging must match. */
export function orderedIds(db: Db, conversationId: string): string[] {
  return db
    .prepare('SELECT id FROM messages WHERE conversation_id = ? ORDER BY sent_at, id')
    .pluck()
    .all(conversationId) as string[];
}
