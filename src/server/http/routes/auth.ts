import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  loginRequestSchema,
  refreshRequestSchema,
  type LoginResponse,
} from '../../../shared/sync/auth';
import { ANY_ROLE, requireRole } from '../../auth/guard';
import { clearFailures, DEFAULT_LOGIN_LIMITS, lockedFor, recordFailure } from '../../auth/lockout';
import { login } from '../../auth/login';
import { rotateRefreshToken, type RefreshResult } from '../../auth/refresh';
import { revokeFamily, type AuthUser, type TokenPair } from '../../auth/sessions';
import { tokenTtls } from '../../auth/ttl';
import { ApiFailure } from '../../errors';
import type { AppContext } from '../context';
import { parseInput } from '../validate';

function response(pair: TokenPair, user: AuthUser): LoginResponse {
  return {
    accessToken: pair.accessToken,
    expiresAt: pair.expiresAt.toISOString(),
    refreshToken: pair.refreshToken,
    refreshExpiresAt: pair.refreshExpiresAt.toISOString(),
    user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role },
  };
}

const REFRESH_REFUSALS: Record<Exclude<RefreshResult['kind'], 'ok'>, [string, string]> = {
  unknown: ['invalid_refresh_token', 'The refresh token is not valid'],
  expired: ['token_expired', 'The refresh token has expired; log in again'],
  revoked: ['token_revoked', 'The refresh token was revoked; log in again'],
  reused: [
    'refresh_token_reused',
    'The refresh token was already used; every token of this login is revoked, log in again',
  ],
};

export function authRoutes(app: FastifyInstance, ctx: AppContext): void {
  const ttls = tokenTtls(ctx);

  const limits = ctx.loginLimits ?? DEFAULT_LOGIN_LIMITS;
  const perAddress = {
    config: { rateLimit: { max: limits.perAddressPerMinute, timeWindow: 60_000 } },
  };
  const locked = (reply: FastifyReply, seconds: number): never => {
    void reply.header('retry-after', String(seconds));
    throw new ApiFailure(
      429,
      'login_locked',
      `Too many failed logins for this user name; try again in ${Math.ceil(seconds / 60)} min`,
    );
  };

  app.post('/auth/login', perAddress, async (request, reply) => {
    const credentials = parseInput(loginRequestSchema, request.body, 'login');
    // Checked before the password, so a locked name costs no argon2 time and reveals nothing.
    const wait = await lockedFor(ctx.db, credentials.username);
    if (wait !== null) return locked(reply, wait);
    const session = await login(ctx.db, credentials, ttls);
    if (!session) {
      const lockedNow = await recordFailure(ctx.db, credentials.username, limits);
      if (lockedNow !== null) return locked(reply, lockedNow);
      // One message for unknown user and wrong password, so usernames cannot be probed.
      throw new ApiFailure(401, 'invalid_credentials', 'Wrong username or password');
    }
    await clearFailures(ctx.db, credentials.username);
    return response(session.pair, session.user);
  });

  // Public: the refresh token in the body is the credential, the access token may be expired.
  app.post('/auth/refresh', perAddress, async (request) => {
    const { refreshToken } = parseInput(refreshRequestSchema, request.body, 'refresh');
    const result = await rotateRefreshToken(ctx.db, refreshToken, ttls);
    if (result.kind !== 'ok') {
      const [code, message] = REFRESH_REFUSALS[result.kind];
      throw new ApiFailure(401, code, message);
    }
    return response(result.pair, result.user);
  });

  app.post(
    '/auth/logout',
    { preHandler: requireRole(ctx.db, ANY_ROLE) },
    async (request, reply) => {
      const familyId = request.authFamilyId;
      if (!familyId) throw new Error('requireRole did not set the token family');
      await revokeFamily(ctx.db, familyId);
      return reply.code(204).send();
    },
  );
}
