import { EVERYONE } from '../feed/audiences';
import { commitWithFeed } from '../feed/write';
import type { SqlClient, SqlExecutor } from '../store/client';
import { ILLUSTRATIVE_OFFENCES, type Offence } from './offence-catalogue';

export async function findOffence(db: SqlExecutor, code: string): Promise<Offence | null> {
  const rows = await db.query<{
    code: string;
    text: string;
    fine_cents: number;
    illustrative: boolean;
  }>('SELECT code, text, fine_cents, illustrative FROM offences WHERE code = $1', [code]);
  const row = rows[0];
  if (!row) return null;
  return {
    code: row.code,
    text: row.text,
    fineCents: row.fine_cents,
    illustrative: row.illustrative,
  };
}

/**
 * Installs the illustrative catalogue into an empty offences table. Cases cannot be recorded
 * without a catalogue, so this runs on every start, not only with demo seeding; an office that
 * loads its own catalogue keeps it untouched.
 */
export async function ensureOffenceCatalogue(db: SqlClient): Promise<void> {
  // No live listeners exist yet at start-up, hence no hub to poke.
  await commitWithFeed(db, null, async (tx, feed) => {
    const existing = await tx.query('SELECT 1 FROM offences LIMIT 1');
    if (existing.length > 0) return;
    await tx.query(
      `INSERT INTO offences (code, text, fine_cents, illustrative)
       SELECT code, text, "fineCents", illustrative
       FROM jsonb_to_recordset($1::jsonb)
         AS x(code text, text text, "fineCents" integer, illustrative boolean)
       ON CONFLICT (code) DO NOTHING`,
      [JSON.stringify(ILLUSTRATIVE_OFFENCES)],
    );
    for (const offence of ILLUSTRATIVE_OFFENCES) {
      feed.record({
        entity: 'offence',
        id: offence.code,
        op: 'upsert',
        data: { ...offence },
        audience: EVERYONE,
      });
    }
  });
}
