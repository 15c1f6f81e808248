import type { Migration } from './types';

/** What one case contributes to the search index: its row as of now, statements included. */
const DOCUMENT = (caseId: string) => `
  DELETE FROM case_search WHERE rowid = (SELECT rowid FROM cases WHERE id = ${caseId});
  INSERT INTO case_search (rowid, plate, file_number, place, statements)
  SELECT c.rowid, c.plate, c.file_number, c.street || ' ' || c.house_number,
         (SELECT group_concat(d.statement, ' ') FROM disputes d WHERE d.case_id = c.id)
    FROM cases c WHERE c.id = ${caseId};`;

/**
 * The case review queue (issue #5): full-text search and the indexes its views and sorts need.
 *
 * `case_search` is an FTS5 index over plate, file number, street with house number, and the
 * dispute statements of a case. The trigram tokenizer makes every substring of three or more
 * characters searchable ("M-AB", "0001234", "straße" inside "Leopoldstraße"), case-insensitive,
 * and `remove_diacritics` lets "Muller" find "Müller". It is contentless (the text lives in
 * cases and disputes already) with `contentless_delete` so triggers can replace and delete rows.
 *
 * Its rowid is the case's rowid. `cases` has no INTEGER PRIMARY KEY, so a VACUUM could renumber
 * its rowids: whoever adds a VACUUM must refill this index afterwards (delete all, re-run the
 * INSERT … SELECT below). Nothing vacuums today.
 *
 * The sync writes through INSERT … ON CONFLICT DO UPDATE (an UPDATE for an existing row, so the
 * UPDATE trigger fires) and DELETE; disputes may arrive before or after their case, so both the
 * case's and the dispute's triggers rebuild the case's document from the tables. They delete and
 * insert rather than INSERT OR REPLACE: inside a trigger the outer statement's conflict policy
 * wins, and FTS5 then quietly keeps the old document next to the new one.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'case-search',
  sql: `
    CREATE VIRTUAL TABLE case_search USING fts5(
      plate, file_number, place, statements,
      content = '', contentless_delete = 1,
      tokenize = 'trigram remove_diacritics 1'
    );

    INSERT INTO case_search (rowid, plate, file_number, place, statements)
    SELECT c.rowid, c.plate, c.file_number, c.street || ' ' || c.house_number,
           (SELECT group_concat(d.statement, ' ') FROM disputes d WHERE d.case_id = c.id)
      FROM cases c;

    CREATE TRIGGER case_search_case_insert AFTER INSERT ON cases
    BEGIN
      INSERT INTO case_search (rowid, plate, file_number, place, statements)
      VALUES (NEW.rowid, NEW.plate, NEW.file_number, NEW.street || ' ' || NEW.house_number,
        (SELECT group_concat(d.statement, ' ') FROM disputes d WHERE d.case_id = NEW.id));
    END;

    -- A sync upsert sets every column; only a change of an indexed one costs a re-index.
    CREATE TRIGGER case_search_case_update AFTER UPDATE ON cases
    WHEN OLD.plate IS NOT NEW.plate OR OLD.file_number IS NOT NEW.file_number
      OR OLD.street IS NOT NEW.street OR OLD.house_number IS NOT NEW.house_number
      OR OLD.id IS NOT NEW.id
    BEGIN ${DOCUMENT('NEW.id')}
    END;

    CREATE TRIGGER case_search_case_delete AFTER DELETE ON cases
    BEGIN
      DELETE FROM case_search WHERE rowid = OLD.rowid;
    END;

    CREATE TRIGGER case_search_dispute_insert AFTER INSERT ON disputes
    BEGIN ${DOCUMENT('NEW.case_id')}
    END;

    CREATE TRIGGER case_search_dispute_update AFTER UPDATE ON disputes
    WHEN OLD.statement IS NOT NEW.statement OR OLD.case_id IS NOT NEW.case_id
    BEGIN ${DOCUMENT('OLD.case_id')} ${DOCUMENT('NEW.case_id')}
    END;

    CREATE TRIGGER case_search_dispute_delete AFTER DELETE ON disputes
    BEGIN ${DOCUMENT('OLD.case_id')}
    END;

    -- The queue filters by status (its saved views) and sorts by any column: one index per sort
    -- within a status, so a page of "disputed, by plate" is an index walk, not a sort.
    CREATE INDEX cases_status_file_number ON cases (status, file_number, id);
    CREATE INDEX cases_status_plate ON cases (status, plate, id);
    CREATE INDEX cases_status_fine_cents ON cases (status, fine_cents, id);
    CREATE INDEX cases_status_district ON cases (status, district, id);
    CREATE INDEX cases_officer ON cases (officer_id, observed_at, id);
    CREATE INDEX cases_offence ON cases (offence_code, observed_at, id);
    -- "Unassigned" and "mine" look claims up by case and by expiry.
    CREATE INDEX claims_clerk_expiry ON claims (clerk_id, expires_at);
  `,
};
