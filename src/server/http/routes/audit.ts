import type { FastifyInstance } from 'fastify';
import {
  auditQuerySchema,
  auditViewBatchSchema,
  type AuditViewBatchResponse,
} from '../../../shared/sync/audit';
import { OFFICE_ROLES } from '../../../shared/domain/user';
import { listViews, recordViews } from '../../audit/views';
import { requireRole } from '../../auth/guard';
import type { AppContext } from '../context';
import { parseInput } from '../validate';

/** The trail of who opened which case and photo: consoles report, admins read. */
export function auditRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post(
    '/audit/views',
    { preHandler: requireRole(ctx.db, OFFICE_ROLES) },
    async (request): Promise<AuditViewBatchResponse> => {
      const { views } = parseInput(auditViewBatchSchema, request.body, 'views');
      const user = request.authUser;
      if (!user) throw new Error('requireRole did not set the user');
      return recordViews(ctx.db, user.id, views);
    },
  );

  app.get('/audit/views', { preHandler: requireRole(ctx.db, ['admin']) }, async (request) => {
    const query = parseInput(auditQuerySchema, request.query, 'query');
    return { views: await listViews(ctx.db, query) };
  });
}
