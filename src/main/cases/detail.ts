import { CASE_NOT_FOUND, type CaseDetail } from '../../shared/contract/case-calls';
import { ContractError } from '../../shared/contract';
import type { CaseRecord } from '../../shared/domain/case';
import type { DecisionRecord } from '../../shared/domain/decision';
import type { DisputeRecord } from '../../shared/domain/dispute';
import { prosecutionDeadline } from '../../shared/domain/deadline';
import type { Db } from '../db/connection';
import { toOutboxItem, type OutboxRow } from '../outbox/store';
import { claimOf } from './case-facts';
import type { QueueContext } from './queue-filter';
import type { CaseRow } from './rows';
import { prepared } from '../db/prepared';
import { caseTimeline } from './timeline';

const SAME_PLATE_MAX = 20;

function toCase(r: CaseRow): CaseRecord {
  return {
    id: r.id,
    fileNumber: r.file_number,
    plate: r.plate,
    vehicleMake: r.vehicle_make,
    vehicleColor: r.vehicle_color,
    offenceCode: r.offence_code,
    offenceText: r.offence_text,
    fineCents: r.fine_cents,
    street: r.street,
    houseNumber: r.house_number,
    district: r.district,
    lat: r.lat,
    lon: r.lon,
    observedAt: r.observed_at,
    officerId: r.officer_id,
    status: r.status,
    version: r.version,
    updatedAt: r.updated_at,
  };
}

interface OfficerRow {
  name: string | null;
  team_id: string | null;
  team_name: string | null;
}

function officerOf(db: Db, officerId: string): CaseDetail['officer'] {
  const row = prepared(
    db,
    `SELECT p.display_name AS name, t.id AS team_id, t.name AS team_name
       FROM people p LEFT JOIN teams t ON t.id = p.team_id WHERE p.id = ?`,
  ).get(officerId) as OfficerRow | undefined;
  return {
    id: officerId,
    name: row?.name ?? null,
    team: row?.team_id && row.team_name !== null ? { id: row.team_id, name: row.team_name } : null,
  };
}

function offenceOf(db: Db, c: CaseRecord): CaseDetail['offence'] {
  const row = prepared(db, 'SELECT fine_cents FROM offences WHERE code = ?').get(c.offenceCode) as
    { fine_cents: number } | undefined;
  // The case carries the text as recorded; the catalogue may have changed wording since.
  return { code: c.offenceCode, text: c.offenceText, standardFineCents: row?.fine_cents ?? null };
}

const DISPUTES_SQL = `SELECT id, case_id AS caseId, received_at AS receivedAt, channel, statement,
  recorded_by AS recordedBy, recorded_at AS recordedAt
  FROM disputes WHERE case_id = ? ORDER BY received_at, id`;
const DECISIONS_SQL = `SELECT id, case_id AS caseId, kind, reason_code AS reasonCode, text,
  new_amount_cents AS newAmountCents, clerk_id AS clerkId, decided_at AS decidedAt
  FROM decisions WHERE case_id = ? ORDER BY decided_at, id`;
const PHOTOS_SQL = `SELECT sha256, taken_at AS takenAt, lat, lon
  FROM photos WHERE case_id = ? ORDER BY taken_at, sha256`;
const SAME_PLATE_SQL = `SELECT id, file_number AS fileNumber, offence_text AS offenceText,
  fine_cents AS fineCents, observed_at AS observedAt, status
  FROM cases WHERE plate = ? AND id <> ? ORDER BY observed_at DESC, id DESC LIMIT ?`;
const OUTBOX_SQL = `SELECT * FROM outbox
  WHERE case_id = ? AND state IN ('pending', 'pushing', 'conflict', 'rejected') ORDER BY seq`;

/** Everything the case view shows, read from one snapshot. */
export function caseDetail(db: Db, caseId: string, ctx: QueueContext): CaseDetail {
  const read = db.transaction((): CaseDetail => {
    const row = prepared(db, 'SELECT * FROM cases WHERE id = ?').get(caseId) as CaseRow | undefined;
    if (!row) {
      throw new ContractError(
        'not_found',
        `${CASE_NOT_FOUND}: ${caseId} (it may have been removed on the server)`,
      );
    }
    const c = toCase(row);
    const disputes = prepared(db, DISPUTES_SQL).all(caseId) as DisputeRecord[];
    const deadline = prosecutionDeadline(c.observedAt, disputes[0]?.receivedAt ?? null, ctx.now);
    return {
      case: c,
      deadline: deadline.date,
      daysLeft: deadline.daysLeft,
      deadlineInterrupted: deadline.interrupted,
      version: c.version,
      offence: offenceOf(db, c),
      officer: officerOf(db, c.officerId),
      place: {
        street: c.street,
        houseNumber: c.houseNumber,
        district: c.district,
        lat: c.lat,
        lon: c.lon,
      },
      disputes,
      photos: prepared(db, PHOTOS_SQL).all(caseId) as CaseDetail['photos'],
      decisions: prepared(db, DECISIONS_SQL).all(caseId) as DecisionRecord[],
      timeline: caseTimeline(db, caseId),
      claim: claimOf(db, caseId, ctx),
      samePlate: prepared(db, SAME_PLATE_SQL).all(
        c.plate,
        caseId,
        SAME_PLATE_MAX,
      ) as CaseDetail['samePlate'],
      outbox: (prepared(db, OUTBOX_SQL).all(caseId) as OutboxRow[]).map(toOutboxItem),
    };
  });
  return read();
}
