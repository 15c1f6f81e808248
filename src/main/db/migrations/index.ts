import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-domain';
import { migration0003 } from './0003-photo-cache';
import { migration0004 } from './0004-outbox';
import { migration0005 } from './0005-resync';
import { migration0006 } from './0006-case-search';
import { migration0007 } from './0007-case-deadline';
import { migration0008 } from './0008-case-counts';
import { migration0009 } from './0009-bulk-load';
import { migration0010 } from './0010-queue-filter-indexes';
import { migration0011 } from './0011-message-search';
import { migration0012 } from './0012-dispatches';
import { migration0013 } from './0013-outbox-author';
import { migration0014 } from './0014-audit-views';
import type { Migration } from './types';

export type { Migration };

/** Every migration in order. Append only: a shipped migration never changes. */
export const MIGRATIONS: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
  migration0010,
  migration0011,
  migration0012,
  migration0013,
  migration0014,
];
