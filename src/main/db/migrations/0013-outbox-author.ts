import type { Migration } from './types';

/**
 * Who recorded each piece of local work. A console can be shared (one clerk signs out, another
 * signs in); work left unsent by the first must go out under the first clerk's login, never be
 * pushed with the second's token and so attributed to the wrong person. Rows from before this
 * migration have no author and go out as before.
 */
export const migration0013: Migration = {
  version: 13,
  name: 'outbox-author',
  sql: `
    ALTER TABLE outbox ADD COLUMN author TEXT;
  `,
};
