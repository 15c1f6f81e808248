import type { z } from 'zod';
import type { CaseListItem, casesListInputSchema, CasesPage } from '../../shared/contract';
import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';

type ListInput = z.output<typeof casesListInputSchema>;

/** Contract sort fields → columns. Only these names ever reach the SQL text. */
const SORT_COLUMNS: Record<ListInput['sort']['field'], string> = {
  observedAt: 'observed_at',
  fileNumber: 'file_number',
  plate: 'plate',
  fineCents: 'fine_cents',
  district: 'district',
  status: 'status',
};

type ListRow = CaseListItem;

const LIST_COLUMNS = `id, file_number AS fileNumber, plate, offence_text AS offenceText,
  fine_cents AS fineCents, street, house_number AS houseNumber, district,
  observed_at AS observedAt, status`;

/** The case queue's page query: sorted, optionally filtered by status, paged by offset. */
export function listCases(db: Db, input: ListInput): CasesPage {
  const column = SORT_COLUMNS[input.sort.field];
  const dir = input.sort.dir === 'asc' ? 'ASC' : 'DESC';
  const statuses = input.status && input.status.length > 0 ? input.status : null;
  const where = statuses ? `WHERE status IN (${statuses.map(() => '?').join(', ')})` : '';
  const params = statuses ?? [];

  const read = db.transaction(() => {
    // From the per-status counts the triggers keep (migration 0008), not count(*) over a
    // million rows on every page.
    const total = (
      prepared(db, `SELECT COALESCE(SUM(n), 0) AS n FROM case_counts ${where}`).get(...params) as {
        n: number;
      }
    ).n;
    const rows = prepared(
      db,
      `SELECT ${LIST_COLUMNS} FROM cases ${where}
         ORDER BY ${column} ${dir}, id ${dir} LIMIT ? OFFSET ?`,
    ).all(...params, input.limit, input.offset) as ListRow[];
    return { total, offset: input.offset, rows };
  });
  // One read transaction, so the count and the rows come from the same snapshot.
  return read();
}
