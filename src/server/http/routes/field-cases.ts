import type { FastifyInstance } from 'fastify';
import { newCaseSchema } from '../../../shared/domain/case';
import { requireRole } from '../../auth/guard';
import { createCase } from '../../cases/create';
import { commitWithFeed } from '../../feed/write';
import type { AppContext } from '../context';
import { parseInput } from '../validate';

export function fieldCaseRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post(
    '/field/cases',
    { preHandler: requireRole(ctx.db, ['officer']) },
    async (request, reply) => {
      const input = parseInput(newCaseSchema, request.body, 'case');
      const officer = request.authUser;
      if (!officer) throw new Error('requireRole did not set the user');
      const result = await commitWithFeed(ctx.db, ctx.hub, (tx, feed) =>
        createCase(tx, feed, officer.id, input),
      );
      return reply.code(result.created ? 201 : 200).send(result.record);
    },
  );
}
