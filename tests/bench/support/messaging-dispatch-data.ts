/**
 * The server side of bench:messaging's dispatch_summary_ms: recipients beyond the demo roster,
 * each recipient's own session, who a dispatch reached, and their acknowledgements through the
 * field API (`POST /sync/mutations`, each as themselves).
 */
import { randomUUID } from 'node:crypto';
import { issuePair } from '../../../src/server/auth/sessions';
import { DEFAULT_ACCESS_TTL_MS, DEFAULT_SESSION_TTL_MS } from '../../../src/server/auth/ttl';
import { EVERYONE } from '../../../src/server/feed/audiences';
import { commitWithFeed } from '../../../src/server/feed/write';
import type { SqlClient } from '../../../src/server/store/client';
import { openStore } from '../../../src/server/store/open';
import { DEMO_TEAMS } from '../../../src/server/store/seed-data/people';

export type ServerDb = SqlClient;

export function openServerDb(databaseUrl: string): Promise<ServerDb> {
  return openStore({ databaseUrl });
}

/**
 * `count` more field officers (`bench-officer-01`, … in the demo teams by turns, password `demo`
 * like every demo user), put into the bench's throwaway database the way the seed puts the demo
 * roster in: a `users` row each and a `person` record in the feed, so every console knows their
 * names. They are in no channel: a dispatch reaches them by name (a direct conversation each).
 */
export async function addBenchOfficers(db: ServerDb, count: number): Promise<string[]> {
  const people = Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(2, '0');
    return {
      id: `bench-officer-${n}`,
      username: `bench.officer${n}`,
      display_name: `Aushilfe ${n} (Bench)`,
      role: 'officer' as const,
      team_id: DEMO_TEAMS[i % DEMO_TEAMS.length]?.id ?? null,
    };
  });
  await commitWithFeed(db, null, async (tx, feed) => {
    await tx.query(
      `INSERT INTO users (id, username, display_name, role, team_id, password_hash)
       SELECT x.id, x.username, x.display_name, x.role, x.team_id,
              (SELECT password_hash FROM users WHERE username = 'officer.huber')
       FROM jsonb_to_recordset($1::jsonb)
         AS x(id text, username text, display_name text, role text, team_id text)`,
      [JSON.stringify(people)],
    );
    for (const person of people) {
      feed.record({
        entity: 'person',
        id: person.id,
        op: 'upsert',
        data: {
          id: person.id,
          displayName: person.display_name,
          role: person.role,
          teamId: person.team_id,
        },
        audience: EVERYONE,
      });
    }
  });
  return people.map((person) => person.id);
}

/** The first `count` demo field officers' ids, `officer-01` first. */
export async function demoOfficerIds(db: ServerDb, count: number): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM users WHERE role = 'officer' AND id LIKE 'officer-%' ORDER BY id LIMIT $1`,
    [count],
  );
  return rows.map((row) => row.id);
}

/**
 * A session (access token) for each of `userIds`, opened by the server's own `issuePair` as a
 * login opens it, without the password check: 250 argon2 verifications would cost the server
 * about 20 s of CPU on two cores and are not what is measured.
 */
export async function issueTokens(
  db: ServerDb,
  userIds: readonly string[],
): Promise<Map<string, string>> {
  const ttls = { accessMs: DEFAULT_ACCESS_TTL_MS, refreshMs: DEFAULT_SESSION_TTL_MS };
  const tokens = new Map<string, string>();
  for (const id of userIds) tokens.set(id, (await issuePair(db, id, ttls)).accessToken);
  return tokens;
}

export interface Recipient {
  userId: string;
  /** The dispatch's message in a conversation of theirs, to acknowledge. */
  messageId: string;
}

/**
 * Everyone a dispatch reached, as the sender's summary counts them (members of the conversations
 * its messages went to, the sender aside), each with one of its messages to acknowledge.
 */
export async function recipientsOf(db: ServerDb, dispatchId: string): Promise<Recipient[]> {
  const rows = await db.query<{ user_id: string; message_id: string }>(
    `SELECT DISTINCT ON (cm.user_id) cm.user_id, m.id::text AS message_id
       FROM messages m JOIN conversation_members cm ON cm.conversation_id = m.conversation_id
      WHERE m.dispatch_id = $1 AND cm.user_id <> m.sender_id
      ORDER BY cm.user_id, m.id`,
    [dispatchId],
  );
  return rows.map((row) => ({ userId: row.user_id, messageId: row.message_id }));
}

/** One acknowledgement, as the recipient's field app sends it; it must be applied. */
export async function acknowledge(
  serverUrl: string,
  token: string,
  messageId: string,
): Promise<void> {
  const response = await fetch(`${serverUrl}/sync/mutations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      mutations: [{ id: randomUUID(), kind: 'receipt', messageId, state: 'acknowledged' }],
    }),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`POST /sync/mutations: ${response.status} ${text}`);
  const status = (JSON.parse(text) as { results: { status: string }[] }).results[0]?.status;
  if (status !== 'applied') throw new Error(`acknowledgement not applied: ${text}`);
}

/**
 * Acknowledges for every one of `recipients`, `parallel` requests at a time: one receipt per
 * POST, since each recipient signs in as themselves and has one message to acknowledge.
 */
export async function acknowledgeAll(
  serverUrl: string,
  tokens: ReadonlyMap<string, string>,
  recipients: readonly Recipient[],
  parallel: number,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < recipients.length) {
      const recipient = recipients[next++];
      if (!recipient) return;
      const token = tokens.get(recipient.userId);
      if (!token) throw new Error(`no session for ${recipient.userId}`);
      await acknowledge(serverUrl, token, recipient.messageId);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

/** Everyone the team channels of `teamIds` reach, the sender aside. */
export async function channelReach(
  db: ServerDb,
  teamIds: readonly string[],
  senderId: string,
): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `SELECT count(DISTINCT cm.user_id)::int AS n
       FROM conversations c JOIN conversation_members cm ON cm.conversation_id = c.id
      WHERE c.kind = 'channel' AND c.team_id = ANY($1::text[]) AND cm.user_id <> $2`,
    [teamIds, senderId],
  );
  return rows[0]?.n ?? 0;
}

export async function userIdOf(db: ServerDb, username: string): Promise<string> {
  const rows = await db.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [
    username,
  ]);
  const id = rows[0]?.id;
  if (!id) throw new Error(`no user ${username}`);
  return id;
}
