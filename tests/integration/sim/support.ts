import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import type { MutationBatchResponse } from '../../../src/shared/sync/mutations';
import { mutationBatchResponseSchema } from '../../../src/shared/sync/mutations';
import type { FeedChange, FeedEntity, FeedRecordOf } from '../../../src/shared/sync/feed';
import { readWholeFeed } from '../server/support/client';

/** Upserts of one entity from a feed, later versions replacing earlier ones by key. */
export function latest<E extends FeedEntity>(
  changes: readonly FeedChange[],
  entity: E,
  key: (data: FeedRecordOf<E>) => string,
): FeedRecordOf<E>[] {
  const rows = new Map<string, FeedRecordOf<E>>();
  for (const change of changes) {
    if (change.op !== 'upsert' || change.entity !== entity) continue;
    const data = change.data as FeedRecordOf<E>;
    rows.set(key(data), data);
  }
  return [...rows.values()];
}

export async function wholeFeed(url: string, token: string): Promise<FeedChange[]> {
  return (await readWholeFeed(url, token, 0, 5000)).changes;
}

export async function postMutations(
  url: string,
  token: string,
  mutations: unknown[],
): Promise<MutationBatchResponse> {
  const response = await fetch(`${url}/sync/mutations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ mutations }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return mutationBatchResponseSchema.parse(await response.json());
}

export async function downloadPhoto(url: string, token: string, sha256: string): Promise<Buffer> {
  const response = await fetch(`${url}/photos/${sha256}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^image\/jpeg/);
  const bytes = Buffer.from(await response.arrayBuffer());
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha256);
  return bytes;
}

/** Polls `probe` until it returns something, or fails after `timeoutMs`. */
export async function eventually<T>(
  probe: () => Promise<T | null | undefined>,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
