import { z } from 'zod';

const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(2200, 0, 1);

/**
 * An instant as ISO 8601 text with an offset, within 1970–2199. The bound is not cosmetic: a
 * syntactically valid `0000-01-01T00:00:00Z` names a year PostgreSQL does not have, and every
 * time in this domain (offences, letters, photos, messages) falls well inside it.
 */
export const instantSchema = z.iso.datetime({ offset: true }).refine(
  (value) => {
    const time = Date.parse(value);
    return time >= EARLIEST && time < LATEST;
  },
  { message: 'Expected a time between 1970 and 2199' },
);
