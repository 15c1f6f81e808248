import { caseRecordSchema, type CaseRecord, type NewCase } from '../../shared/domain/case';
import { disputeRecordSchema, type NewDispute } from '../../shared/domain/dispute';
import {
  feedLineSchema,
  type FeedChange,
  type FeedEnd,
  type FeedLine,
} from '../../shared/sync/feed';
import { mutationBatchResponseSchema, type MutationResult } from '../../shared/sync/mutations';
import { ApiError, apiErrorOf, type FieldSession } from './field-client';

/**
 * The field API as the simulator uses it, each call typed and checked against the shared
 * schemas. Every call is safe to repeat: the ids are the client's.
 */

export interface Created<T> {
  record: T;
  /** False when the server already had this id (200 rather than 201). */
  created: boolean;
}

export async function postCase(
  session: FieldSession,
  input: NewCase,
): Promise<Created<CaseRecord>> {
  const { status, body } = await session.json(
    { method: 'POST', path: '/field/cases', json: input },
    (raw) => caseRecordSchema.parse(raw),
  );
  return { record: body, created: status === 201 };
}

export interface PhotoUpload {
  sha256: string;
  bytes: Uint8Array;
  caseId: string;
  takenAt: string;
  lat?: number;
  lon?: number;
}

/** PUT /field/photos/:sha256; true when the photo is new to the server. */
export async function putPhoto(session: FieldSession, photo: PhotoUpload): Promise<boolean> {
  const result = await session.send({
    method: 'PUT',
    path: `/field/photos/${photo.sha256}`,
    query: { caseId: photo.caseId, takenAt: photo.takenAt, lat: photo.lat, lon: photo.lon },
    body: photo.bytes,
    contentType: 'image/jpeg',
  });
  if (result.status !== 200 && result.status !== 201) throw apiErrorOf(result);
  return result.status === 201;
}

export async function postDispute(
  session: FieldSession,
  dispute: NewDispute,
): Promise<Created<NewDispute>> {
  const { status, body } = await session.json(
    { method: 'POST', path: '/intake/disputes', json: dispute },
    (raw) => disputeRecordSchema.parse(raw),
  );
  return { record: body, created: status === 201 };
}

export interface FeedPage {
  changes: FeedChange[];
  end: FeedEnd;
}

/** Splits an NDJSON page; a page without its end line (a cut stream) is not a page. */
export function parseFeedPage(text: string): FeedPage {
  let lines: FeedLine[];
  try {
    lines = text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => feedLineSchema.parse(JSON.parse(line)));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ApiError(0, 'bad_page', `feed page unreadable: ${reason.slice(0, 200)}`);
  }
  const end = lines.pop();
  if (end?.kind !== 'end') throw new ApiError(0, 'incomplete_page', 'feed page without end line');
  const changes = lines.map((line) => {
    if (line.kind !== 'change') throw new ApiError(0, 'bad_page', 'end line inside a feed page');
    return line;
  });
  return { changes, end };
}

/**
 * One feed page after `cursor` of `epoch` (the last end line's; absent on a first read). A reader
 * the server sends back to the start gets an `ApiError` with code `FEED_RESET_CODE` (410).
 */
export async function pullFeedPage(
  session: FieldSession,
  cursor: number,
  limit: number,
  epoch?: string,
): Promise<FeedPage> {
  const result = await session.send({
    method: 'GET',
    path: '/sync/feed',
    query: { cursor, limit, epoch },
  });
  if (result.status !== 200) throw apiErrorOf(result);
  return parseFeedPage(result.text);
}

/** POST /sync/mutations; one result per mutation, in order. */
export async function postMutations(
  session: FieldSession,
  mutations: readonly Record<string, unknown>[],
): Promise<MutationResult[]> {
  const { body } = await session.json(
    { method: 'POST', path: '/sync/mutations', json: { mutations } },
    (raw) => mutationBatchResponseSchema.parse(raw),
  );
  return body.results;
}
