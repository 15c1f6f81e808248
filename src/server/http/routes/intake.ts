import type { FastifyInstance } from 'fastify';
import { newDisputeSchema } from '../../../shared/domain/dispute';
import { OFFICE_ROLES } from '../../../shared/domain/user';
import { requireRole } from '../../auth/guard';
import { recordDispute } from '../../cases/disputes';
import { commitWithFeed } from '../../feed/write';
import type { AppContext } from '../context';
import { parseInput } from '../validate';

export function intakeRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post(
    '/intake/disputes',
    // The citizen-facing portal calls with an office account; clerks also key in letters.
    { preHandler: requireRole(ctx.db, OFFICE_ROLES) },
    async (request, reply) => {
      const input = parseInput(newDisputeSchema, request.body, 'dispute');
      const user = request.authUser;
      if (!user) throw new Error('requireRole did not set the user');
      const result = await commitWithFeed(ctx.db, ctx.hub, (tx, feed) =>
        recordDispute(tx, feed, user.id, input),
      );
      return reply.code(result.created ? 201 : 200).send(result.record);
    },
  );
}
