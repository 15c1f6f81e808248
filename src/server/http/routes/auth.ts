import type { FastifyInstance } from 'fastify';
import { loginRequestSchema } from '../../../shared/sync/auth';
import { login } from '../../auth/login';
import { ApiFailure } from '../../errors';
import type { AppContext } from '../context';
import { parseInput } from '../validate';

export function authRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post('/auth/login', async (request) => {
    const credentials = parseInput(loginRequestSchema, request.body, 'login');
    const session = await login(ctx.db, credentials, ctx.sessionTtlMs);
    // One message for unknown user and wrong password, so usernames cannot be probed.
    if (!session) throw new ApiFailure(401, 'invalid_credentials', 'Wrong username or password');
    return session;
  });
}
