import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { NewCase } from '../../../../src/shared/domain/case';
import {
  apiErrorSchema,
  loginResponseSchema,
  type ApiError,
} from '../../../../src/shared/sync/auth';
import { feedLineSchema, type FeedChange, type FeedEnd } from '../../../../src/shared/sync/feed';

export async function login(baseUrl: string, username: string, password = 'demo') {
  const response = await fetch(`${baseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(response.status, `login ${username}`).toBe(200);
  return loginResponseSchema.parse(await response.json());
}

export async function tokenFor(baseUrl: string, username: string): Promise<string> {
  return (await login(baseUrl, username)).accessToken;
}

/** Reads an error answer and checks it has the shared error shape. */
export async function apiError(response: Response): Promise<ApiError['error']> {
  expect(response.headers.get('content-type')).toMatch(/application\/json/);
  return apiErrorSchema.parse(await response.json()).error;
}

export interface FeedPage {
  changes: FeedChange[];
  end: FeedEnd;
}

export function feedUrl(baseUrl: string, query: Record<string, string | number>): string {
  const url = new URL('/sync/feed', baseUrl);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, String(value));
  return url.href;
}

/** `GET /sync/feed` as it answers; `epoch` is sent when given. */
export function fetchFeed(
  baseUrl: string,
  token: string,
  cursor: number,
  limit: number,
  epoch?: string,
): Promise<Response> {
  const query: Record<string, string | number> = { cursor, limit };
  if (epoch !== undefined) query['epoch'] = epoch;
  return fetch(feedUrl(baseUrl, query), { headers: { authorization: `Bearer ${token}` } });
}

/** One page, every line checked against the shared schemas; the end line must come last. */
export async function readFeedPage(
  baseUrl: string,
  token: string,
  cursor: number,
  limit: number,
  epoch?: string,
): Promise<FeedPage> {
  const response = await fetchFeed(baseUrl, token, cursor, limit, epoch);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
  const text = await response.text();
  expect(text.endsWith('\n')).toBe(true);
  const lines = text
    .slice(0, -1)
    .split('\n')
    .map((line) => feedLineSchema.parse(JSON.parse(line)));
  const last = lines.pop();
  if (last?.kind !== 'end') throw new Error('feed page without its end line');
  const changes = lines.map((line) => {
    if (line.kind !== 'change') throw new Error('end line before the last line');
    return line;
  });
  return { changes, end: last };
}

/**
 * Follows the feed from `cursor` until `hasMore` is false, sending each page's epoch with the
 * next request as a console does (`epoch`: the one `cursor` belongs to, if any).
 */
export async function readWholeFeed(
  baseUrl: string,
  token: string,
  cursor = 0,
  limit = 1000,
  epoch?: string,
): Promise<{ changes: FeedChange[]; cursor: number; pages: number; epoch: string }> {
  const changes: FeedChange[] = [];
  let pages = 0;
  for (;;) {
    const page = await readFeedPage(baseUrl, token, cursor, limit, epoch);
    pages++;
    changes.push(...page.changes);
    cursor = page.end.cursor;
    epoch = page.end.epoch;
    if (!page.end.hasMore) return { changes, cursor, pages, epoch };
  }
}

export function newCase(overrides: Partial<NewCase> = {}): NewCase {
  return {
    id: randomUUID(),
    plate: 'M-KV 2026',
    vehicleMake: 'BMW',
    vehicleColor: 'blau',
    offenceCode: 'P101',
    street: 'Leopoldstraße',
    houseNumber: '12',
    district: 12,
    lat: 48.1601,
    lon: 11.5856,
    observedAt: new Date(Date.now() - 60_000).toISOString(),
    ...overrides,
  };
}

export async function postCase(baseUrl: string, token: string, body: unknown): Promise<Response> {
  return fetch(`${baseUrl}/field/cases`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
}
