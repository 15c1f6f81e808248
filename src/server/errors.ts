/**
 * A failure meant for the client: carries the HTTP status and the `apiErrorSchema` fields, so
 * domain code can refuse input precisely without knowing about Fastify.
 */
export class ApiFailure extends Error {
  override name = 'ApiFailure';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
