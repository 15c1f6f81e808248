import type { FastifyInstance } from 'fastify';
import { mutationBatchSchema, type MutationBatchResponse } from '../../../shared/sync/mutations';
import { ANY_ROLE, requireRole } from '../../auth/guard';
import { feedHead } from '../../feed/read';
import { applyMutation } from '../../mutations/apply';
import type { AppContext } from '../context';
import { parseInput } from '../validate';

export function mutationRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post(
    '/sync/mutations',
    // Every role pushes; which kinds each may send is checked per mutation.
    { preHandler: requireRole(ctx.db, ANY_ROLE) },
    async (request, reply) => {
      // Entries are checked one by one in applyMutation, so a bad one is rejected on its own.
      const { mutations } = parseInput(mutationBatchSchema, request.body, 'body', {
        checkText: false,
      });
      const user = request.authUser;
      if (!user) throw new Error('requireRole did not set the user');
      // In order, one transaction each: a later mutation may build on an earlier one (open a
      // conversation, then post to it), and one refused entry never holds up the others.
      const results = [];
      for (const raw of mutations) results.push(await applyMutation(ctx.db, ctx.hub, user, raw));
      const body: MutationBatchResponse = { results, cursor: await feedHead(ctx.db) };
      return reply.code(200).send(body);
    },
  );
}
