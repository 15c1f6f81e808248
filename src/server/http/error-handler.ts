import type { FastifyError, FastifyInstance } from 'fastify';
import type { ApiError } from '../../shared/sync/auth';
import { ApiFailure } from '../errors';

function body(code: string, message: string, field?: string): ApiError {
  return { error: field === undefined ? { code, message } : { code, message, field } };
}

/** What of an unexpected error may be logged: nothing the request or the database put in it. */
export function safeError(error: unknown): {
  type: string;
  message: string;
  code?: string;
  stack?: string;
} {
  if (!(error instanceof Error)) return { type: typeof error, message: 'non-Error thrown' };
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    message: error.message,
    ...(typeof code === 'string' ? { code } : {}),
    ...(error.stack ? { stack: error.stack } : {}),
  };
}

/** Every failure leaves the server as `apiErrorSchema`; internals never reach the client. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ApiFailure, request, reply) => {
    if (error instanceof ApiFailure) {
      return reply.code(error.status).send(body(error.code, error.message, error.field));
    }
    const status = error.statusCode ?? 500;
    if (status === 413) {
      return reply.code(413).send(body('payload_too_large', error.message));
    }
    if (status >= 400 && status < 500) {
      // Fastify's own refusals: malformed JSON, wrong content type.
      return reply.code(status).send(body('bad_request', error.message));
    }
    // Name, message, code and stack only: a database error's other fields (PostgreSQL's
    // `detail`: "Key (plate)=(M-AB 123) ...") can carry the personal data of the request.
    request.log.error({ err: safeError(error) }, 'request failed');
    return reply.code(500).send(body('internal_error', 'Internal server error'));
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send(body('not_found', `No route ${request.method} ${request.url.split('?')[0]}`)),
  );
}
