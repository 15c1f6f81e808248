import type { Statement } from 'better-sqlite3';
import type { Db } from './connection';

/** Prepared statements by SQL text: the queue and the messages ask the same few shapes again and again. */
const statements = new WeakMap<Db, Map<string, Statement>>();
export function prepared(db: Db, sql: string): Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = db.prepare(sql)));
  return statement;
}
