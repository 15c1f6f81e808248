import type { Db } from '../db/connection';
import type { Where } from './queue-filter';
import { prepared } from '../db/prepared';

/**
 * A searched page of the queue can be read two ways:
 *
 * - list: every case matching the words (from `case_search`), then the filter and the sort over
 *   those. Costs about 1 µs a match, so a common word ("Straße" matches a third of all cases)
 *   costs hundreds of milliseconds before the first row.
 * - walk: the page's sort order, checking each case against the search index until a page of
 *   matches is found. Costs about 20–30 µs a checked case, so it wins when matches are dense in
 *   the walked order and loses badly when they are rare there (a year in the file number while
 *   sorting by date can put every match at the end).
 *
 * So a page lists the matches when they are few (cheap whatever the order) and otherwise walks,
 * giving up as soon as what it met so far says a page of matches will not come within
 * WALK_BUDGET cases; then the page is listed after all. Measured on 1,000,000 cases: "Straße"
 * pages went from 240–560 ms to under 10; the worst case is a failed walk (usually its first
 * 250 cases, about 6 ms) on top of the list.
 */

/** Cases a walk checks at most before it gives up (about 50 ms). */
export const WALK_BUDGET = 2000;
/** Below this many matches listing them costs little (a few milliseconds): no walk. */
const FEW_MATCHES = 5000;
/** The walk's steps (cases read and checked per statement), adding up to the budget. */
const STEPS = [250, 750, 1000];

/** Whether the words match so few cases that listing them is cheap. */
export function fewMatches(db: Db, query: string): boolean {
  const matches = prepared(
    db,
    'SELECT count(*) FROM (SELECT 1 FROM case_search WHERE case_search MATCH ? LIMIT ?)',
  )
    .pluck()
    .get(query, FEW_MATCHES) as number;
  return matches < FEW_MATCHES;
}

/**
 * The rowids of the first `need` cases of `where` in `order` that match `query`, checked case by
 * case; all of them when fewer match and the walk reached the end; null when it gave up (then the
 * caller lists the matches instead). After each step the walk projects, from how often it met a
 * match so far, whether a page of matches comes within the budget, and gives up early if not:
 * that measures the walked order itself, where matches may well be rarer or denser than overall.
 */
export function walkSearch(
  db: Db,
  where: Where,
  order: string,
  query: string,
  need: number,
): number[] | null {
  const candidates = prepared(
    db,
    `SELECT c.rowid FROM cases c WHERE ${where.sql} ORDER BY ${order} LIMIT ? OFFSET ?`,
  ).pluck();
  // json_each hands the rowids over as integers: FTS5 ignores a rowid constraint given as a
  // real number (which a JavaScript number binds as) and would answer every match.
  const matching = prepared(
    db,
    `SELECT c.rowid FROM cases c WHERE c.rowid IN (SELECT value FROM json_each(?))
        AND EXISTS (SELECT 1 FROM case_search s WHERE s.case_search MATCH ? AND s.rowid = c.rowid)`,
  ).pluck();
  const found: number[] = [];
  let walked = 0;
  for (const step of STEPS) {
    const chunk = candidates.all(...where.params, step, walked) as number[];
    walked += chunk.length;
    const hits = new Set(matching.all(JSON.stringify(chunk), query) as number[]);
    for (const rowid of chunk) {
      if (!hits.has(rowid)) continue;
      found.push(rowid);
      if (found.length === need) return found;
    }
    if (chunk.length < step) return found; // the end of the filter: every match is here
    const projected = found.length + (found.length / walked) * (WALK_BUDGET - walked);
    if (projected < need) return null;
  }
  return null;
}
