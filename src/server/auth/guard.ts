import type { FastifyReply, FastifyRequest } from 'fastify';
import { ROLES, type Role } from '../../shared/domain/user';
import { ApiFailure } from '../errors';
import type { SqlExecutor } from '../store/client';
import { checkAccessToken, type AuthUser } from './sessions';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `requireRole` once the bearer token checked out. */
    authUser: AuthUser | null;
    /** The login (token family) the bearer token belongs to; logout ends it. */
    authFamilyId: string | null;
  }
}

export type TokenSource = 'header' | 'header-or-query';

/** Every role: routes open to anyone logged in. */
export const ANY_ROLE: readonly Role[] = ROLES;

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

/** Distinct codes let a client tell "refresh now" (expired) from "log in again" (revoked). */
const REFUSALS = {
  unknown: ['unauthorized', 'The access token is not valid'],
  expired: ['token_expired', 'The access token has expired; refresh it or log in again'],
  revoked: ['token_revoked', 'The access token was revoked; log in again'],
} as const;

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
    const check = await checkAccessToken(db, token);
    if (check.kind !== 'ok') {
      const [code, message] = REFUSALS[check.kind];
      throw new ApiFailure(401, code, message);
    }
    if (!roles.includes(check.user.role)) {
      throw new ApiFailure(403, 'forbidden', `This needs one of the roles: ${roles.join(', ')}`);
    }
    request.authUser = check.user;
    request.authFamilyId = check.familyId;
  };
}
