import type { Migration } from './types';

/**
 * Dispatches (issue #6): a team lead's one message to several teams, conversations and people,
 * sent at once or when `send_at` comes, optionally with one reminder to whoever has not
 * acknowledged after `remind_after_minutes`. Sending posts one ordinary message per conversation
 * reached; `messages.dispatch_id` ties them to their dispatch, and `messages.reminded_at` says
 * when the reminder re-sent one.
 *
 * The scheduler (src/server/messaging/dispatch-scheduler.ts) finds due work through the two
 * partial indexes, which hold only what is still waiting and so stay tiny.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'dispatches',
  sql: `
    CREATE TABLE dispatches (
      id uuid PRIMARY KEY,
      sender_id text NOT NULL REFERENCES users (id),
      body text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
      priority text NOT NULL CHECK (priority IN ('normal', 'high', 'urgent')),
      ack_requested boolean NOT NULL,
      -- {"teamIds": [...], "conversationIds": [...], "userIds": [...]} as the sender named them.
      targets jsonb NOT NULL,
      send_at timestamptz,
      status text NOT NULL CHECK (status IN ('scheduled', 'sent', 'cancelled')),
      sent_at timestamptz,
      remind_after_minutes integer CHECK (remind_after_minutes BETWEEN 5 AND 1440),
      reminded_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((status = 'sent') = (sent_at IS NOT NULL)),
      CHECK (status <> 'scheduled' OR send_at IS NOT NULL),
      CHECK (remind_after_minutes IS NULL OR ack_requested),
      CHECK (reminded_at IS NULL OR status = 'sent')
    );
    CREATE INDEX dispatches_due_idx ON dispatches (send_at) WHERE status = 'scheduled';
    CREATE INDEX dispatches_remind_idx ON dispatches (sent_at)
      WHERE status = 'sent' AND remind_after_minutes IS NOT NULL AND reminded_at IS NULL;

    ALTER TABLE messages
      ADD COLUMN dispatch_id uuid REFERENCES dispatches (id),
      ADD COLUMN reminded_at timestamptz;
    CREATE INDEX messages_dispatch_idx ON messages (dispatch_id) WHERE dispatch_id IS NOT NULL;
  `,
};
