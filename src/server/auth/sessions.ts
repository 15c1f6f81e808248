import { randomUUID } from 'node:crypto';
import type { Role } from '../../shared/domain/user';
import type { SqlExecutor } from '../store/client';
import { hashToken, newAccessToken, newRefreshToken } from './tokens';
import type { TokenTtls } from './ttl';

export { DEFAULT_ACCESS_TTL_MS, DEFAULT_SESSION_TTL_MS } from './ttl';

export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  teamId: string | null;
}

export interface TokenPair {
  accessToken: string;
  expiresAt: Date;
  refreshToken: string;
  refreshExpiresAt: Date;
}

/** Expired rows stay this long, so a late client hears "expired" rather than "unknown". */
const KEEP_EXPIRED = "interval '1 day'";

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  team_id: string | null;
}

export const USER_COLUMNS = 'u.id, u.username, u.display_name, u.role, u.team_id';

export function authUser(row: UserRow): AuthUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    teamId: row.team_id,
  };
}

/**
 * Issues a token pair in `familyId` (a new family for a fresh login). Expiry times come from the
 * database clock, the same clock that later judges them, so a skewed app host cannot stretch them.
 */
export async function issuePair(
  db: SqlExecutor,
  userId: string,
  ttls: TokenTtls,
  familyId: string = randomUUID(),
): Promise<TokenPair> {
  const accessToken = newAccessToken();
  const refreshToken = newRefreshToken();
  const rows = await db.query<{ access_expires_at: Date; refresh_expires_at: Date }>(
    `INSERT INTO sessions
       (id, family_id, user_id, access_hash, access_expires_at, refresh_hash, refresh_expires_at)
     VALUES ($1, $2, $3, $4, now() + $5::double precision * interval '1 millisecond',
             $6, now() + $7::double precision * interval '1 millisecond')
     RETURNING access_expires_at, refresh_expires_at`,
    [
      randomUUID(),
      familyId,
      userId,
      hashToken(accessToken),
      ttls.accessMs,
      hashToken(refreshToken),
      ttls.refreshMs,
    ],
  );
  const row = rows[0];
  if (!row) throw new Error('session insert returned no row');
  return {
    accessToken,
    expiresAt: new Date(row.access_expires_at),
    refreshToken,
    refreshExpiresAt: new Date(row.refresh_expires_at),
  };
}

/** Expired sessions are swept at login rather than by a timer: logins are rare and cheap. */
export async function sweepSessions(db: SqlExecutor): Promise<void> {
  await db.query(`DELETE FROM sessions WHERE refresh_expires_at < now() - ${KEEP_EXPIRED}`);
}

export type AccessCheck =
  | { kind: 'ok'; user: AuthUser; sessionId: string; familyId: string }
  | { kind: 'unknown' | 'expired' | 'revoked' };

/** What an access token is worth right now. */
export async function checkAccessToken(db: SqlExecutor, token: string): Promise<AccessCheck> {
  const rows = await db.query<
    UserRow & { session_id: string; family_id: string; revoked: boolean; expired: boolean }
  >(
    `SELECT ${USER_COLUMNS}, s.id AS session_id, s.family_id,
            s.revoked_at IS NOT NULL AS revoked, s.access_expires_at <= now() AS expired
     FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.access_hash = $1`,
    [hashToken(token)],
  );
  const row = rows[0];
  if (!row) return { kind: 'unknown' };
  if (row.revoked) return { kind: 'revoked' };
  if (row.expired) return { kind: 'expired' };
  return { kind: 'ok', user: authUser(row), sessionId: row.session_id, familyId: row.family_id };
}

/** Ends every token pair of one login: logout, or a refresh token seen twice. */
export async function revokeFamily(db: SqlExecutor, familyId: string): Promise<void> {
  await db.query(
    'UPDATE sessions SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL',
    [familyId],
  );
}
