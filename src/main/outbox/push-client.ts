import {
  mutationBatchResponseSchema,
  type Mutation,
  type MutationBatchResponse,
} from '../../shared/sync/mutations';
import { OfflineError, UnauthorizedError } from '../sync/feed-client';

/**
 * The server answered, but refused the batch as a whole (a 500, a malformed envelope, an answer
 * that breaks the protocol). Unlike being offline, this may be caused by one of the entries.
 */
export class BatchRefusedError extends Error {
  override name = 'BatchRefusedError';
}

/** Sends mutations to the server and returns its answers, one per mutation, in order. */
export type PushFn = (mutations: readonly Mutation[]) => Promise<MutationBatchResponse>;

/**
 * `POST /sync/mutations`. Not reaching the server, a cut connection (also after the server applied
 * the batch: the answer is lost, not the work), 429 and 502–504 are `OfflineError`s: push again
 * later, the server recognises the ids. A refused token is an `UnauthorizedError`.
 */
export async function pushMutations(
  serverUrl: string,
  token: string,
  mutations: readonly Mutation[],
  signal?: AbortSignal,
): Promise<MutationBatchResponse> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(new URL('/sync/mutations', serverUrl).href, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ mutations }),
      signal: signal ?? null,
    });
    text = await response.text();
  } catch (error) {
    throw new OfflineError(`Outbox: server not reachable: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (response.status === 401) throw new UnauthorizedError(`Outbox: 401 ${text.slice(0, 200)}`);
  if (response.status === 429 || (response.status >= 502 && response.status <= 504)) {
    throw new OfflineError(`Outbox: server answered ${response.status}`);
  }
  if (!response.ok) {
    throw new BatchRefusedError(`Outbox: server answered ${response.status} ${text.slice(0, 200)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BatchRefusedError('Outbox: the answer is not JSON');
  }
  const parsed = mutationBatchResponseSchema.safeParse(json);
  if (!parsed.success) throw new BatchRefusedError('Outbox: malformed answer');
  return parsed.data;
}
