import type { Migration } from './types';

/**
 * The officer and offence filters of the queue, with the status in their indexes.
 *
 * A saved view nearly always narrows the status too (disputed, awaiting a statement, unassigned,
 * due soon). With (officer_id, observed_at) alone SQLite read every case of the officer or the
 * offence and looked each one up for its status: about 33,000 lookups for a common offence on a
 * million cases, 40–60 ms a page (`npm run bench:queue`). With the status second, the filter is
 * a few index seeks; a page of one officer or offence across all statuses sorts that officer's
 * index entries instead of walking them in order, which costs little at those sizes.
 */
export const migration0010: Migration = {
  version: 10,
  name: 'queue-filter-indexes',
  sql: `
    DROP INDEX cases_officer;
    DROP INDEX cases_offence;
    CREATE INDEX cases_officer ON cases (officer_id, status, observed_at, id);
    CREATE INDEX cases_offence ON cases (offence_code, status, observed_at, id);
  `,
};
