import { randomUUID } from 'node:crypto';
import type { AuthUser } from '../../../src/server/auth/sessions';
import { ensureOffenceCatalogue } from '../../../src/server/cases/offences';
import { FEED_LOCK_KEY } from '../../../src/server/feed/append';
import { commitWithFeed } from '../../../src/server/feed/write';
import { openConversation } from '../../../src/server/messaging/conversations';
import { openStore } from '../../../src/server/store/open';
import { seedDemoData } from '../../../src/server/store/seed';
import type { Role } from '../../../src/shared/domain/user';

/** The demo data of the server: users, teams, channels and a few cases. */
export async function seedServer(databaseUrl: string): Promise<void> {
  const db = await openStore({ databaseUrl });
  try {
    await ensureOffenceCatalogue(db);
    await seedDemoData(db, null, { cases: 20 });
  } finally {
    await db.close();
  }
}

/** What field officers write to the office, one after another, with a running number. */
const PHRASES = [
  'Bin jetzt in der Leopoldstraße, Höhe 40, Lieferzone wieder zugeparkt.',
  'Fahrzeug steht seit heute früh auf dem Behindertenparkplatz, Ausweis nicht ausgelegt.',
  'Halter hat sich gemeldet, sagt, der Parkschein sei hinter die Sonnenblende gerutscht.',
  'Foto von der Beschilderung ist hochgeladen, Zusatzzeichen gut lesbar.',
  'Passt, danke. Ich nehme den Fall auf.',
  'Können Sie bitte noch einmal prüfen, ob die Uhrzeit stimmt? Der Betroffene widerspricht.',
  'Uhrzeit stimmt, 14:32 laut Gerät, Parkscheinautomat war in Betrieb.',
  'Schelling-/Ecke Türkenstraße: zweite Reihe, Warnblinker an, niemand im Fahrzeug.',
  'Verstanden.',
  'Stellungnahme folgt nach Schichtende, bin gerade im Einsatz am Viktualienmarkt.',
  'Der Abschleppdienst ist informiert, Fahrzeug blockiert die Feuerwehrzufahrt.',
  'Ok, dann stelle ich das Verfahren ein.',
];

export interface BuiltConversation {
  id: string;
  officerId: string;
  messages: number;
  /** The newest message: what opening the conversation must show. */
  newest: { id: string; body: string };
}

async function authUser(db: Awaited<ReturnType<typeof openStore>>, id: string): Promise<AuthUser> {
  const rows = await db.query<{
    id: string;
    username: string;
    display_name: string;
    role: Role;
    team_id: string | null;
  }>('SELECT id, username, display_name, role, team_id FROM users WHERE id = $1', [id]);
  const row = rows[0];
  if (!row) throw new Error(`no user ${id}`);
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    teamId: row.team_id,
  };
}

/**
 * Direct conversations of field officers with the clerk, each filled with `messages` messages
 * (two of three from the officer), the newest at `newestAt`, one every seven minutes before it.
 *
 * The conversation and its members are opened by the server's own code (feed rows included). The
 * messages go in with one INSERT … SELECT generate_series each, and their feed rows with it:
 * exactly the rows `sendMessage` and `appendChanges` write for one message (the record's JSON,
 * audience `listed` by conversation, a cursor drawn under the feed lock), so a console syncs them
 * like any other messages. No live poke goes out: no console listens while this runs.
 */
export async function buildConversations(
  databaseUrl: string,
  clerkId: string,
  specs: readonly { officerId: string; messages: number; newestAt: Date }[],
): Promise<BuiltConversation[]> {
  const db = await openStore({ databaseUrl });
  try {
    const built: BuiltConversation[] = [];
    for (const spec of specs) {
      const officer = await authUser(db, spec.officerId);
      const conversation = await commitWithFeed(db, null, (tx, feed) =>
        openConversation(tx, feed, officer, {
          id: randomUUID(),
          kind: 'direct',
          title: '',
          memberIds: [clerkId],
        }),
      );
      await db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [FEED_LOCK_KEY]);
        await tx.query(
          `WITH made AS (
             INSERT INTO messages (id, conversation_id, sender_id, body, priority, ack_requested,
               sent_at)
             SELECT gen_random_uuid(), $1::uuid, CASE WHEN i % 3 = 0 THEN $3 ELSE $2 END,
               ($6::text[])[1 + i % array_length($6::text[], 1)] || ' (' || i || ')', 'normal', false,
               $5::timestamptz - ($4::int - i) * interval '7 minutes'
             FROM generate_series(1, $4::int) AS i
             RETURNING id, conversation_id, sender_id, body, case_id, photo_sha256s, reply_to_id,
               priority, ack_requested, sent_at
           )
           INSERT INTO feed (entity, entity_id, cursor, op, data, audience, conversation_id)
           SELECT 'message', m.id::text, nextval('feed_cursor_seq'), 'upsert',
             json_build_object('id', m.id, 'conversationId', m.conversation_id,
               'senderId', m.sender_id, 'body', m.body, 'caseId', m.case_id,
               'photoSha256s', m.photo_sha256s, 'replyToId', m.reply_to_id,
               'priority', m.priority, 'ackRequested', m.ack_requested,
               'sentAt', to_char(m.sent_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
             'listed', m.conversation_id
           FROM (SELECT * FROM made ORDER BY sent_at, id) AS m`,
          [
            conversation.id,
            officer.id,
            clerkId,
            spec.messages,
            spec.newestAt.toISOString(),
            PHRASES,
          ],
        );
      });
      const newest = await db.query<{ id: string; body: string }>(
        `SELECT id, body FROM messages WHERE conversation_id = $1
          ORDER BY sent_at DESC, id DESC LIMIT 1`,
        [conversation.id],
      );
      if (!newest[0]) throw new Error(`conversation ${conversation.id} has no messages`);
      built.push({
        id: conversation.id,
        officerId: officer.id,
        messages: spec.messages,
        newest: newest[0],
      });
    }
    await db.exec('ANALYZE messages; ANALYZE feed');
    return built;
  } finally {
    await db.close();
  }
}
