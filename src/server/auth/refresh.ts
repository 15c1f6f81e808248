import type { SqlClient } from '../store/client';
import {
  authUser,
  issuePair,
  revokeFamily,
  USER_COLUMNS,
  type AuthUser,
  type TokenPair,
  type UserRow,
} from './sessions';
import { hashToken } from './tokens';
import type { TokenTtls } from './ttl';

export type RefreshResult =
  | { kind: 'ok'; pair: TokenPair; user: AuthUser }
  | { kind: 'unknown' | 'expired' | 'revoked' | 'reused' };

/**
 * Exchanges a refresh token for a new pair and retires the old refresh token. A retired one
 * coming back means two parties hold it (the rightful client already moved on, or a thief
 * did), and there is no telling which is which: the whole login is revoked. The previous access
 * token stays valid until its own short expiry, so requests already in flight do not fail.
 */
export function rotateRefreshToken(
  db: SqlClient,
  refreshToken: string,
  ttls: TokenTtls,
): Promise<RefreshResult> {
  // Revoking the family must commit even though the caller answers 401, so the outcome is
  // returned rather than thrown.
  return db.transaction(async (tx): Promise<RefreshResult> => {
    const rows = await tx.query<
      UserRow & {
        session_id: string;
        family_id: string;
        revoked: boolean;
        expired: boolean;
        rotated: boolean;
      }
    >(
      `SELECT ${USER_COLUMNS}, s.id AS session_id, s.family_id,
              s.revoked_at IS NOT NULL AS revoked, s.refresh_expires_at <= now() AS expired,
              s.rotated_at IS NOT NULL AS rotated
       FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.refresh_hash = $1
       FOR UPDATE OF s`,
      [hashToken(refreshToken)],
    );
    const row = rows[0];
    if (!row) return { kind: 'unknown' };
    if (row.revoked) return { kind: 'revoked' };
    if (row.expired) return { kind: 'expired' };
    if (row.rotated) {
      await revokeFamily(tx, row.family_id);
      return { kind: 'reused' };
    }
    await tx.query('UPDATE sessions SET rotated_at = now() WHERE id = $1', [row.session_id]);
    const pair = await issuePair(tx, row.id, ttls, row.family_id);
    return { kind: 'ok', pair, user: authUser(row) };
  });
}
