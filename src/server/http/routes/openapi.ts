import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { parse } from 'yaml';

/**
 * Resolved from this file rather than the working directory: the server runs from source (tsx)
 * and is started from scripts and tests in other folders.
 */
export const OPENAPI_YAML_PATH = fileURLToPath(
  new URL('../../../../docs/api/openapi.yaml', import.meta.url),
);

/** Reads and parses the API description; a missing or broken file stops the server start. */
export async function loadOpenApiDocument(path = OPENAPI_YAML_PATH): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the API description ${path}`, { cause: error });
  }
  const document: unknown = parse(text);
  if (typeof document !== 'object' || document === null || !('openapi' in document)) {
    throw new Error(`${path} is not an OpenAPI document`);
  }
  return document;
}

/** `GET /openapi.json`: the YAML converted once at startup, served as-is to every request. */
export async function openApiRoutes(app: FastifyInstance): Promise<void> {
  const json = JSON.stringify(await loadOpenApiDocument());
  app.get('/openapi.json', async (_request, reply) =>
    reply.type('application/json; charset=utf-8').send(json),
  );
}
