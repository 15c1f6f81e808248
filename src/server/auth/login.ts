import type { LoginRequest, LoginResponse } from '../../shared/sync/auth';
import type { Role } from '../../shared/domain/user';
import type { SqlClient } from '../store/client';
import { verifyDecoy, verifyPassword } from './passwords';
import { createSession } from './sessions';

/** Checks the credentials and opens a session; null when they do not match (for any reason). */
export async function login(
  db: SqlClient,
  request: LoginRequest,
  ttlMs: number,
): Promise<LoginResponse | null> {
  const rows = await db.query<{
    id: string;
    username: string;
    display_name: string;
    role: Role;
    password_hash: string;
  }>('SELECT id, username, display_name, role, password_hash FROM users WHERE username = $1', [
    request.username,
  ]);
  const user = rows[0];
  const ok = user
    ? await verifyPassword(user.password_hash, request.password)
    : await verifyDecoy(request.password);
  if (!user || !ok) return null;
  const session = await createSession(db, user.id, ttlMs);
  return {
    accessToken: session.accessToken,
    expiresAt: session.expiresAt.toISOString(),
    user: { id: user.id, username: user.username, displayName: user.display_name, role: user.role },
  };
}
