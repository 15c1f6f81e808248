import type { z } from 'zod';
import {
  QUEUE_TOTAL_CAP,
  QUEUE_VIEWS,
  type casesQueueInputSchema,
  type QueueCounts,
  type QueuePage,
  type QueueTotal,
  type QueueRow,
  type QueueSortField,
  type QueueView,
} from '../../shared/contract/case-calls';
import type { CaseListItem } from '../../shared/contract/calls';
import { prosecutionDeadline } from '../../shared/domain/deadline';
import type { Db } from '../db/connection';
import { claimOf, hasPendingDecision } from './case-facts';
import {
  buildWhere,
  type Filter,
  type IsBroad,
  type QueueContext,
  type Where,
} from './queue-filter';
import { planSearch } from './search';
import { fewMatches, WALK_BUDGET, walkSearch } from './search-walk';
import { prepared } from '../db/prepared';

type QueueInput = z.output<typeof casesQueueInputSchema>;

/**
 * Contract sort fields → SQL columns, the id last so that paging is stable. Only these fragments
 * ever reach the SQL text. Each order matches an index (migrations 0001, 0006, 0007), within a
 * status too, so a page is an index walk rather than a sort; status sorts by time within.
 */
const SORT_SQL: Record<QueueSortField, readonly string[]> = {
  observedAt: ['c.observed_at'],
  fileNumber: ['c.file_number'],
  plate: ['c.plate'],
  fineCents: ['c.fine_cents'],
  district: ['c.district'],
  status: ['c.status', 'c.observed_at'],
  deadline: ['c.deadline'],
};

interface PageRow extends CaseListItem {
  heardAt: string | null;
}

const ROW_COLUMNS = `c.id, c.file_number AS fileNumber, c.plate, c.offence_text AS offenceText,
  c.fine_cents AS fineCents, c.street, c.house_number AS houseNumber, c.district,
  c.observed_at AS observedAt, c.status, c.heard_at AS heardAt`;

/** Rows matching `where`, counted up to the cap: past it the exact figure is not worth the time. */
function cappedCount(db: Db, where: Where): { total: number; exact: boolean } {
  const { n } = prepared(
    db,
    `SELECT count(*) AS n FROM (SELECT 1 FROM cases c WHERE ${where.sql} LIMIT ?)`,
  ).get(...where.params, QUEUE_TOTAL_CAP + 1) as { n: number };
  return n > QUEUE_TOTAL_CAP ? { total: QUEUE_TOTAL_CAP, exact: false } : { total: n, exact: true };
}

function toQueueRow(db: Db, { heardAt, ...row }: PageRow, ctx: QueueContext): QueueRow {
  const deadline = prosecutionDeadline(row.observedAt, heardAt, ctx.now);
  return {
    ...row,
    deadline: deadline.date,
    daysLeft: deadline.daysLeft,
    claim: claimOf(db, row.id, ctx),
    pending: hasPendingDecision(db, row.id),
  };
}

/** A range keeping at least this many cases is broad (see IsBroad). */
const BROAD_RANGE = 2000;

/** Counts the range on its own index (covering, so cheap), stopping at BROAD_RANGE. */
const probeRange =
  (db: Db): IsBroad =>
  (column, low, high) =>
    (
      prepared(
        db,
        `SELECT count(*) AS n FROM (SELECT 1 FROM cases c
            WHERE c.${column} >= ? AND c.${column} < ? LIMIT ${BROAD_RANGE})`,
      ).get(low, high) as { n: number }
    ).n >= BROAD_RANGE;

/**
 * A page searched for common words (`query`), found by walking the page's order and checking
 * each case (search-walk.ts); null when the page lies too deep or the walk gave up.
 */
function walkedPage(
  db: Db,
  input: QueueInput,
  ctx: QueueContext,
  order: string,
  isBroad: IsBroad,
  query: string,
): PageRow[] | null {
  const need = input.offset + input.limit;
  if (need > WALK_BUDGET) return null;
  const where = buildWhere(input, ctx, { isBroad, withoutSearch: true });
  const found = walkSearch(db, where, order, query, need);
  if (found === null) return null;
  const page = found.slice(input.offset);
  const rows = prepared(
    db,
    `SELECT ${ROW_COLUMNS}, c.rowid AS rowid FROM cases c
      WHERE c.rowid IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(page)) as (PageRow & { rowid: number })[];
  const byRowid = new Map(rows.map(({ rowid, ...row }) => [rowid, row]));
  return page.flatMap((rowid) => byRowid.get(rowid) ?? []);
}

/** One page of the review queue, with the (capped) total of its filter, from one snapshot. */
export function queuePage(db: Db, input: QueueInput, ctx: QueueContext): QueuePage {
  const search = planSearch(input.search);
  // Sorting by the range's own column walks that index anyway; otherwise hide a broad range.
  const sortColumns = SORT_SQL[input.sort.field];
  const probe = probeRange(db);
  const isBroad: IsBroad = (column, low, high) =>
    sortColumns[0] === `c.${column}` ? false : probe(column, low, high);
  const dir = input.sort.dir === 'asc' ? 'ASC' : 'DESC';
  const order = [...sortColumns, 'c.id'].map((column) => `${column} ${dir}`).join(', ');
  const read = db.transaction((): QueuePage => {
    // Words matching many cases: never read the page through the list of all their matches.
    const common = search.kind === 'fts' && !fewMatches(db, search.query) ? search.query : null;
    const walked = common === null ? null : walkedPage(db, input, ctx, order, isBroad, common);
    // A view of one or two statuses is walked whole at worst, checking each case against them.
    const searchAsCheck = common !== null && input.view !== 'all';
    const pageWhere = buildWhere(input, ctx, { isBroad, searchAsCheck });
    const rows =
      walked ??
      (prepared(
        db,
        `SELECT ${ROW_COLUMNS} FROM cases c WHERE ${pageWhere.sql}
          ORDER BY ${order} LIMIT ? OFFSET ?`,
      ).all(...pageWhere.params, input.limit, input.offset) as PageRow[]);
    const counted = input.withTotal ? cappedCount(db, buildWhere(input, ctx)) : null;
    return {
      offset: input.offset,
      rows: rows.map((row) => toQueueRow(db, row, ctx)),
      total: counted?.total ?? null,
      totalExact: counted?.exact ?? null,
    };
  });
  return read();
}

/** How many cases a filter matches, up to the cap. */
export function queueTotal(db: Db, filter: Filter, ctx: QueueContext): QueueTotal {
  const { total, exact } = cappedCount(db, buildWhere(filter, ctx));
  return { total, totalExact: exact };
}

/** How many cases each saved view holds right now (capped like a page's total). */
export function queueCounts(db: Db, ctx: QueueContext): QueueCounts {
  const read = db.transaction((): QueueCounts => {
    const counts = {} as Record<QueueView, number>;
    const capped: QueueView[] = [];
    for (const view of QUEUE_VIEWS) {
      const { total, exact } = cappedCount(db, buildWhere({ view }, ctx));
      counts[view] = total;
      if (!exact) capped.push(view);
    }
    return { counts, capped };
  });
  return read();
}
