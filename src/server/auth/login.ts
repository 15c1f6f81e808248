import type { LoginRequest } from '../../shared/sync/auth';
import type { SqlClient } from '../store/client';
import { verifyDecoy, verifyPassword } from './passwords';
import { authUser, issuePair, sweepSessions, USER_COLUMNS, type UserRow } from './sessions';
import type { AuthUser, TokenPair } from './sessions';
import type { TokenTtls } from './ttl';

/** Checks the credentials and opens a new login; null when they do not match (for any reason). */
export async function login(
  db: SqlClient,
  request: LoginRequest,
  ttls: TokenTtls,
): Promise<{ pair: TokenPair; user: AuthUser } | null> {
  const rows = await db.query<UserRow & { password_hash: string }>(
    `SELECT ${USER_COLUMNS}, u.password_hash FROM users u WHERE u.username = $1`,
    [request.username],
  );
  const row = rows[0];
  const ok = row
    ? await verifyPassword(row.password_hash, request.password)
    : await verifyDecoy(request.password);
  if (!row || !ok) return null;
  await sweepSessions(db);
  return { pair: await issuePair(db, row.id, ttls), user: authUser(row) };
}
