import type { Directory } from '../../shared/contract/case-calls';
import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';

/**
 * The field officers and the offence catalogue as the sync keeps them (a few hundred rows): the
 * queue's filters offer them by name rather than by id or code.
 */
export function directory(db: Db): Directory {
  const read = db.transaction((): Directory => ({
    officers: prepared(
      db,
      `SELECT p.id, p.display_name AS displayName, t.name AS teamName
           FROM people p LEFT JOIN teams t ON t.id = p.team_id
          WHERE p.role = 'officer'
          ORDER BY p.display_name COLLATE NOCASE, p.id`,
    ).all() as Directory['officers'],
    offences: prepared(
      db,
      `SELECT code, text, fine_cents AS fineCents FROM offences ORDER BY code`,
    ).all() as Directory['offences'],
  }));
  return read();
}
