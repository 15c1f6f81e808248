import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { NewDispute } from '../../../../src/shared/domain/dispute';
import {
  mutationBatchResponseSchema,
  type MutationBatchResponse,
  type MutationResult,
} from '../../../../src/shared/sync/mutations';
import type { FeedChange, FeedEntity, FeedRecordOf } from '../../../../src/shared/sync/feed';

export async function pushRaw(baseUrl: string, token: string, body: unknown): Promise<Response> {
  return fetch(`${baseUrl}/sync/mutations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
}

/** Pushes a batch and checks the answer against the shared schema. */
export async function push(
  baseUrl: string,
  token: string,
  mutations: readonly Record<string, unknown>[],
): Promise<MutationBatchResponse> {
  const response = await pushRaw(baseUrl, token, { mutations });
  expect(response.status).toBe(200);
  const body = mutationBatchResponseSchema.parse(await response.json());
  expect(body.results).toHaveLength(mutations.length);
  return body;
}

/** Pushes one mutation and returns its result. */
export async function pushOne(
  baseUrl: string,
  token: string,
  mutation: Record<string, unknown>,
): Promise<MutationResult> {
  const { results } = await push(baseUrl, token, [mutation]);
  const result = results[0];
  if (!result) throw new Error('no result');
  return result;
}

export function newDispute(caseId: string, overrides: Partial<NewDispute> = {}): NewDispute {
  return {
    id: randomUUID(),
    caseId,
    receivedAt: new Date().toISOString(),
    channel: 'letter',
    statement: 'Ich habe nur kurz zum Ausladen gehalten.',
    ...overrides,
  };
}

export async function postDispute(
  baseUrl: string,
  token: string,
  body: unknown,
): Promise<Response> {
  return fetch(`${baseUrl}/intake/disputes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
}

/** Every upsert's record of one entity, in feed order (later lines hold newer states). */
export function latestOf<E extends FeedEntity>(
  changes: readonly FeedChange[],
  entity: E,
): FeedRecordOf<E>[] {
  const out: FeedRecordOf<E>[] = [];
  for (const change of changes) {
    if (change.entity === entity && change.op === 'upsert')
      out.push(change.data as FeedRecordOf<E>);
  }
  return out;
}
