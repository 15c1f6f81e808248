import type { CaseRecord, NewCase } from '../../shared/domain/case';
import { ApiFailure } from '../errors';
import type { FeedRecorder } from '../feed/types';
import { recordCaseEvent } from './events';
import type { SqlExecutor } from '../store/client';
import { fileNumberYear } from './file-number';
import { findOffence } from './offences';
import { recordCase } from './update';
import { CASE_COLUMNS, toCaseRecord, type CaseRow } from './rows';

export interface CreateCaseResult {
  record: CaseRecord;
  /** False when the id was already known: nothing was written. */
  created: boolean;
}

async function findCase(tx: SqlExecutor, id: string): Promise<CaseRecord | null> {
  const rows = await tx.query<CaseRow>(`SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1`, [id]);
  return rows[0] ? toCaseRecord(rows[0]) : null;
}

function existingFor(record: CaseRecord, officerId: string): CreateCaseResult {
  // The id is the client's idempotency key; another officer's case must not leak through it.
  if (record.officerId !== officerId) {
    throw new ApiFailure(409, 'id_conflict', 'A case with this id already exists', 'id');
  }
  return { record, created: false };
}

/**
 * Records a new case for `officerId`, at most once per client id: a repeated id returns the
 * stored case unchanged (first write wins). Catalogue text and fine come from the server.
 */
export async function createCase(
  tx: SqlExecutor,
  feed: FeedRecorder,
  officerId: string,
  input: NewCase,
): Promise<CreateCaseResult> {
  const known = await findCase(tx, input.id);
  if (known) return existingFor(known, officerId);

  const offence = await findOffence(tx, input.offenceCode);
  if (!offence) {
    throw new ApiFailure(
      400,
      'unknown_offence',
      `Unknown offence code ${input.offenceCode}`,
      'offenceCode',
    );
  }

  // ON CONFLICT covers a concurrent request with the same id that committed after our check.
  const inserted = await tx.query<CaseRow>(
    `WITH n AS (SELECT nextval('case_file_number_seq')::text AS v)
     INSERT INTO cases (id, file_number, plate, vehicle_make, vehicle_color, offence_code,
       offence_text, fine_cents, street, house_number, district, lat, lon, observed_at,
       officer_id, status, version, updated_at)
     SELECT $1, 'VW-' || $2::text || '-' || lpad(n.v, greatest(7, length(n.v)), '0'),
       $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 'open', 1, now()
     FROM n
     ON CONFLICT (id) DO NOTHING
     RETURNING ${CASE_COLUMNS}`,
    [
      input.id,
      fileNumberYear(input.observedAt),
      input.plate,
      input.vehicleMake,
      input.vehicleColor,
      offence.code,
      offence.text,
      offence.fineCents,
      input.street,
      input.houseNumber,
      input.district,
      input.lat,
      input.lon,
      input.observedAt,
      officerId,
    ],
  );
  const row = inserted[0];
  if (!row) {
    const raced = await findCase(tx, input.id);
    if (!raced) throw new Error(`Case ${input.id} neither inserted nor found`);
    return existingFor(raced, officerId);
  }
  const record = toCaseRecord(row);
  recordCase(feed, record);
  await recordCaseEvent(tx, feed, { caseId: record.id, kind: 'recorded', actorId: officerId });
  return { record, created: true };
}
