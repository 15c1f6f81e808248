import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-token-pairs';
import { migration0003 } from './0003-photos';
import { migration0004 } from './0004-domain';
import { migration0005 } from './0005-feed-state';
import { migration0006 } from './0006-dispatches';
import { migration0007 } from './0007-login-failures';
import { migration0008 } from './0008-case-views';
import type { Migration } from './types';

export type { Migration } from './types';

export const MIGRATIONS: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
];
