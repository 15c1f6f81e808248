import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-domain';
import { migration0003 } from './0003-photo-cache';
import { migration0004 } from './0004-outbox';
import { migration0005 } from './0005-resync';
import type { Migration } from './types';

export type { Migration };

/** Every migration in order. Append only: a shipped migration never changes. */
export const MIGRATIONS: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
];
