import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '../../shared/domain/user';
import type { SqlExecutor } from '../store/client';

export const DEFAULT_SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  teamId: string | null;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  db: SqlExecutor,
  userId: string,
  ttlMs: number,
): Promise<{ accessToken: string; expiresAt: Date }> {
  const accessToken = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + ttlMs);
  // Expired sessions are swept here rather than by a timer: logins are rare and cheap.
  await db.query('DELETE FROM sessions WHERE expires_at < now()');
  await db.query('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [
    hashToken(accessToken),
    userId,
    expiresAt.toISOString(),
  ]);
  return { accessToken, expiresAt };
}

/** The user behind a live token, or null for an unknown or expired one. */
export async function userForToken(db: SqlExecutor, token: string): Promise<AuthUser | null> {
  const rows = await db.query<{
    id: string;
    username: string;
    display_name: string;
    role: Role;
    team_id: string | null;
  }>(
    `SELECT u.id, u.username, u.display_name, u.role, u.team_id
     FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.expires_at > now()`,
    [hashToken(token)],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    teamId: row.team_id,
  };
}
