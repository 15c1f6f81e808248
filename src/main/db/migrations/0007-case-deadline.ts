import type { Migration } from './types';

/**
 * The Berlin calendar date of a stored instant (UTC ISO text from toISOString, so text order is
 * time order). EU summer time runs from the last Sunday of March 01:00 UTC to the last Sunday of
 * October 01:00 UTC (so since 1996); the last Sunday of a 31-day month is the first Sunday on or
 * after the 25th.
 */
function berlinDate(instant: string): string {
  const year = `substr(${instant}, 1, 4)`;
  const switchAt = (month: string) =>
    `(date(${year} || '-${month}-25', 'weekday 0') || 'T01:00:00.000Z')`;
  return `date(${instant}, CASE WHEN ${instant} >= ${switchAt('03')} AND ${instant} < ${switchAt('10')}
    THEN '+2 hours' ELSE '+1 hours' END)`;
}

const OFFENCE = berlinDate('observed_at');
const HEARD = berlinDate('heard_at');
const BASE = `date(${OFFENCE}, '+3 months', 'floor')`;

/**
 * The prosecution deadline as a column: prosecutionDeadline (src/shared/domain/deadline.ts) in
 * SQL, so the queue can filter ("due soon") and sort by it through an index instead of computing
 * it for every disputed case per page. It mirrors the one rule, it does not restate it: the unit
 * tests compare the column with the function on thousands of instants, DST switches, month ends
 * and leap days. 'floor' clamps an overflowing month end the way addMonths does.
 *
 * The deadline depends on the first dispute's receipt, so `heard_at` keeps that on the case,
 * maintained by triggers on disputes (and on a case arriving after its disputes; the feed is
 * ordered by cursor, not by dependency). Neither column is in the feed: the sync's upserts name
 * their columns and leave these alone.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'case-deadline',
  sql: `
    ALTER TABLE cases ADD COLUMN heard_at TEXT;
    -- Only the cases with a dispute: rewriting every row of a million would take long.
    UPDATE cases SET heard_at = (SELECT min(d.received_at) FROM disputes d WHERE d.case_id = cases.id)
     WHERE id IN (SELECT case_id FROM disputes);
    ALTER TABLE cases ADD COLUMN deadline TEXT GENERATED ALWAYS AS (
      CASE WHEN ${HEARD} >= ${OFFENCE} AND ${HEARD} <= ${BASE}
        THEN min(date(${HEARD}, '+3 months', 'floor'), date(${OFFENCE}, '+6 months', 'floor'))
        ELSE ${BASE} END
    ) VIRTUAL;
    -- "Due soon" and sorting a view by deadline; the second for sorting every case by it.
    CREATE INDEX cases_status_deadline ON cases (status, deadline, id);
    CREATE INDEX cases_deadline ON cases (deadline, id);

    CREATE TRIGGER case_heard_case_insert AFTER INSERT ON cases
    WHEN EXISTS (SELECT 1 FROM disputes WHERE case_id = NEW.id)
    BEGIN
      UPDATE cases SET heard_at = (SELECT min(received_at) FROM disputes WHERE case_id = NEW.id)
       WHERE id = NEW.id;
    END;

    CREATE TRIGGER case_heard_dispute_insert AFTER INSERT ON disputes
    BEGIN
      UPDATE cases SET heard_at = NEW.received_at
       WHERE id = NEW.case_id AND (heard_at IS NULL OR heard_at > NEW.received_at);
    END;

    CREATE TRIGGER case_heard_dispute_update AFTER UPDATE ON disputes
    WHEN OLD.received_at IS NOT NEW.received_at OR OLD.case_id IS NOT NEW.case_id
    BEGIN
      UPDATE cases SET heard_at = (
        SELECT min(d.received_at) FROM disputes d WHERE d.case_id = cases.id)
       WHERE id IN (OLD.case_id, NEW.case_id);
    END;

    CREATE TRIGGER case_heard_dispute_delete AFTER DELETE ON disputes
    BEGIN
      UPDATE cases SET heard_at = (SELECT min(received_at) FROM disputes WHERE case_id = OLD.case_id)
       WHERE id = OLD.case_id;
    END;
  `,
};
