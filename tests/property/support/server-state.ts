import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { OPENAPI_YAML_PATH } from '../../../src/server/http/routes/openapi';
import type { SqlExecutor } from '../../../src/server/store/client';
import { exampleOfJsonSchema } from './examples';

/**
 * Tables a refused request may legitimately write: a failed login counts towards the account's
 * and the address's lockout (issue #7, "login rate-limited with lockout"), and that count is the
 * whole point of refusing it. Matched by name because the lockout's tables are being added beside
 * this suite: a lockout table whose name matches none of these must be added here, or every
 * refused login fails the server property. Every other table must read the same after a refusal.
 */
const LOGIN_STATE_TABLE = /login|lockout|attempt|throttl|rate_limit|auth_fail|failed_auth/i;

function quoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * An MD5 of every row of every table of the server's database, per table, in one statement (one
 * snapshot, one round trip). Rows are ordered by their text, so no table needs a known key.
 */
export async function serverTableChecksums(db: SqlExecutor): Promise<Record<string, string>> {
  const tables = (
    await db.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
        ORDER BY table_name`,
    )
  )
    .map((row) => row.name)
    .filter((name) => !LOGIN_STATE_TABLE.test(name));
  const sql = tables
    .map(
      (name) =>
        `SELECT '${name.replaceAll("'", "''")}' AS name,
                md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS sum
           FROM ${quoted(name)} t`,
    )
    .join(' UNION ALL ');
  const rows = await db.query<{ name: string; sum: string }>(sql);
  return Object.fromEntries(rows.map((row) => [row.name, row.sum]));
}

type Json = Record<string, unknown>;
function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface DocumentedNames {
  /** Names of query parameters of any operation. */
  query: string[];
  /** Names of header parameters of any operation (Range, If-None-Match). */
  headers: string[];
  /** Property names of any schema: keys a body might be expected to have. */
  bodyKeys: string[];
  /**
   * An example JSON body per operation (`POST /field/cases`, Fastify's path syntax) that
   * documents one, derived from its schema: a start for near-valid bodies.
   */
  jsonBodies: Map<string, unknown>;
}

/** OpenAPI's `{id}` in Fastify's `:id` syntax. */
function toFastifyPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}

/**
 * What the API description names, so random requests use the server's own words beside random
 * ones and routes documented later are probed with their parameters without a change here.
 */
export async function documentedNames(): Promise<DocumentedNames> {
  const doc: unknown = parse(await readFile(OPENAPI_YAML_PATH, 'utf8'));
  const query = new Set<string>();
  const headers = new Set<string>();
  const bodyKeys = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isJson(node)) return;
    if (typeof node['name'] === 'string' && node['in'] === 'query') query.add(node['name']);
    if (typeof node['name'] === 'string' && node['in'] === 'header') headers.add(node['name']);
    if (isJson(node['properties'])) {
      for (const key of Object.keys(node['properties'])) bodyKeys.add(key);
    }
    Object.values(node).forEach(walk);
  };
  walk(doc);
  const jsonBodies = new Map<string, unknown>();
  const paths = isJson(doc) && isJson(doc['paths']) ? doc['paths'] : {};
  for (const [path, item] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(isJson(item) ? item : {})) {
      const body = isJson(operation) ? operation['requestBody'] : undefined;
      const content = isJson(body) && isJson(body['content']) ? body['content'] : {};
      const json = content['application/json'];
      if (isJson(json) && json['schema'] !== undefined) {
        const key = `${method.toUpperCase()} ${toFastifyPath(path)}`;
        jsonBodies.set(key, exampleOfJsonSchema(json['schema'], doc));
      }
    }
  }
  return {
    query: [...query].sort(),
    headers: [...headers].sort(),
    bodyKeys: [...bodyKeys].sort(),
    jsonBodies,
  };
}
