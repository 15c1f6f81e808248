import type { z } from 'zod';
import type { QueueView, queueFilterSchema } from '../../shared/contract/case-calls';
import { addDays, berlinDateOf, berlinDayStart, DUE_SOON_DAYS } from '../../shared/domain/deadline';
import type { SqlValue } from '../db/feed-tables';
import { planSearch } from './search';

export type Filter = z.output<typeof queueFilterSchema>;

/** Who asks and when: claims expire, deadlines move with the calendar. */
export interface QueueContext {
  now: Date;
  /** The logged-in clerk's id; null before the first login (then "mine" is empty). */
  me: string | null;
}

/** A WHERE clause over `cases c` and its parameters, in order. */
export interface Where {
  sql: string;
  params: SqlValue[];
}

/** Statuses still waiting for a clerk; only these can run out of time in the queue. */
const ACTIVE = `('disputed', 'awaiting_statement')`;

function viewCondition(view: QueueView, ctx: QueueContext, out: Where): string {
  const now = ctx.now.toISOString();
  switch (view) {
    case 'all':
      return '1';
    case 'disputed':
      return `c.status = 'disputed'`;
    case 'awaiting_statement':
      return `c.status = 'awaiting_statement'`;
    case 'mine':
      if (ctx.me === null) return '0';
      out.params.push(ctx.me, now);
      return `c.id IN (SELECT case_id FROM claims WHERE clerk_id = ? AND expires_at > ?)`;
    case 'unassigned':
      out.params.push(now);
      return `c.status = 'disputed' AND NOT EXISTS (
        SELECT 1 FROM claims k WHERE k.case_id = c.id AND k.expires_at > ?)`;
    case 'conflicts':
      return `c.id IN (SELECT case_id FROM outbox WHERE state = 'conflict' AND case_id IS NOT NULL)`;
    case 'due_soon': {
      // Not yet lapsed, and fewer than DUE_SOON_DAYS left (the deadline column, migration 0007).
      const today = berlinDateOf(ctx.now);
      out.params.push(today, addDays(today, DUE_SOON_DAYS));
      return `c.status IN ${ACTIVE} AND c.deadline >= ? AND c.deadline < ?`;
    }
  }
}

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** A column a range filter applies to. */
export type RangeColumn = 'observed_at' | 'fine_cents';

/**
 * Tells whether a range filter keeps so many cases that walking the sort's index and skipping
 * non-matches beats reading the range and sorting it. SQLite cannot know (no statistics on
 * ranges), so the page asks the data (see queue.ts) and hides a broad range from the planner.
 */
export type IsBroad = (column: RangeColumn, low: SqlValue, high: SqlValue) => boolean;

const LOWEST = '';
const HIGHEST = '\uffff';

/** How a page means to read the cases (see queue.ts); a count or total leaves both unset. */
export interface WherePlan {
  isBroad?: IsBroad;
  /** Leave the word search out: the page checks it case by case as it walks (search-walk.ts). */
  withoutSearch?: boolean;
  /**
   * Keep SQLite from reading the cases through the list of matches (a lookup of each match, its
   * deadline computed, then a sort): the view's own index is walked in the page's order instead
   * and each case checked against the list, which it holds by rowid. For a view of one or two
   * statuses (a few ten thousand cases at most) that bounds the page however common the words.
   */
  searchAsCheck?: boolean;
}

/** The filter as SQL; every value is a parameter, only fixed fragments reach the text. */
export function buildWhere(filter: Filter, ctx: QueueContext, plan: WherePlan = {}): Where {
  const { isBroad, withoutSearch = false, searchAsCheck = false } = plan;
  const out: Where = { sql: '', params: [] };
  const parts = [viewCondition(filter.view, ctx, out)];
  const add = (sql: string, ...params: SqlValue[]) => {
    parts.push(sql);
    out.params.push(...params);
  };
  if (filter.status && filter.status.length > 0) {
    add(`c.status IN (${placeholders(filter.status.length)})`, ...filter.status);
  }
  if (filter.district && filter.district.length > 0) {
    add(`c.district IN (${placeholders(filter.district.length)})`, ...filter.district);
  }
  if (filter.officerId !== undefined) add('c.officer_id = ?', filter.officerId);
  if (filter.offenceCode !== undefined) add('c.offence_code = ?', filter.offenceCode);
  // A unary + keeps SQLite from using the column's index for the term (the documented hint).
  const column = (name: RangeColumn, low: SqlValue, high: SqlValue) =>
    isBroad?.(name, low, high) ? `+c.${name}` : `c.${name}`;
  const from = filter.observedFrom && berlinDayStart(filter.observedFrom);
  const to = filter.observedTo && berlinDayStart(addDays(filter.observedTo, 1));
  if (from !== undefined || to !== undefined) {
    const observed = column('observed_at', from ?? LOWEST, to ?? HIGHEST);
    if (from !== undefined) add(`${observed} >= ?`, from);
    if (to !== undefined) add(`${observed} < ?`, to);
  }
  if (filter.fineMin !== undefined || filter.fineMax !== undefined) {
    const fine = column('fine_cents', filter.fineMin ?? 0, (filter.fineMax ?? 10_000_000) + 1);
    if (filter.fineMin !== undefined) add(`${fine} >= ?`, filter.fineMin);
    if (filter.fineMax !== undefined) add(`${fine} <= ?`, filter.fineMax);
  }

  const search = planSearch(filter.search);
  if (search.kind === 'fts' && !withoutSearch) {
    // A unary + keeps the rowid from being used as the way in (the documented hint).
    const rowid = searchAsCheck ? '+c.rowid' : 'c.rowid';
    add(`${rowid} IN (SELECT rowid FROM case_search WHERE case_search MATCH ?)`, search.query);
  } else if (search.kind === 'platePrefix') {
    // A range, so the plate index serves it; U+FFFF sorts after every character of a plate.
    add('c.plate >= ? AND c.plate < ?', search.prefix, `${search.prefix}\uffff`);
  }
  out.sql = parts.join(' AND ');
  return out;
}
