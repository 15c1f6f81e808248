import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../../shared/domain/user';
import { ApiFailure } from '../errors';
import type { SqlExecutor } from '../store/client';
import { userForToken, type AuthUser } from './sessions';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `requireRole` once the bearer token checked out. */
    authUser: AuthUser | null;
  }
}

export type TokenSource = 'header' | 'header-or-query';

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

function queryToken(request: FastifyRequest): string | null {
  const query = request.query as Record<string, unknown> | undefined;
  const token = query?.['token'];
  return typeof token === 'string' && token !== '' ? token : null;
}

/**
 * A Fastify hook admitting only a valid token of one of `roles`: 401 without a usable token,
 * 403 with a token of another role. Browsers cannot set headers on a WebSocket handshake, hence
 * the optional `?token=` source for the live channel.
 */
export function requireRole(
  db: SqlExecutor,
  roles: readonly Role[],
  source: TokenSource = 'header',
) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const token =
      bearerToken(request) ?? (source === 'header-or-query' ? queryToken(request) : null);
    if (!token) throw new ApiFailure(401, 'unauthorized', 'An access token is required');
    const user = await userForToken(db, token);
    if (!user) throw new ApiFailure(401, 'unauthorized', 'The access token is invalid or expired');
    if (!roles.includes(user.role)) {
      throw new ApiFailure(403, 'forbidden', `This needs one of the roles: ${roles.join(', ')}`);
    }
    request.authUser = user;
  };
}
