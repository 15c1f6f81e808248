import { parseArgs } from 'node:util';
import { RESET_REASON_MAX } from './state';

export const USAGE = `usage:
  npm run feed:admin -- reset --reason TEXT
  npm run feed:admin -- compact --up-to CURSOR
  npm run feed:admin -- status

Operator commands for the field server's change feed.
  reset      starts a new feed epoch: every console reads the whole feed again from cursor 0.
             Use it after a schema change the feed's rows cannot express, and after restoring a
             backup (before starting the server on it).
             --reason TEXT   why, kept with the feed's state (1–${RESET_REASON_MAX} characters)
  compact    removes the tombstones (delete lines) at or below CURSOR, which would otherwise stay
             in the feed for ever. Consoles whose cursor lies below CURSOR read the feed again
             from 0 (they might have missed one of those deletes); the others go on.
             --up-to CURSOR  a feed cursor from 1 to the feed's head (see status)
  status     prints the feed's epoch, head, oldest resumable cursor and tombstone count.

Storage as for the server: DATABASE_URL for PostgreSQL, else the PGlite folder KVUE_DATA_DIR
(default .data/server). The PGlite folder can't be opened while the server runs on it: stop
the server first. On PostgreSQL the server may keep running; its consoles then notice a reset or
compaction at their next pull rather than at once (this process cannot poke them).`;

/** Bad arguments; an empty message asks for the usage alone (--help). */
export class AdminUsageError extends Error {}

export type AdminCommand =
  { kind: 'reset'; reason: string } | { kind: 'compact'; upTo: number } | { kind: 'status' };

const COMMANDS = ['reset', 'compact', 'status'] as const;

function cursorArg(raw: string): number {
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new AdminUsageError(
      `--up-to needs a feed cursor, a whole number from 1 to ${Number.MAX_SAFE_INTEGER}, got "${raw}"`,
    );
  }
  return value;
}

export function parseAdminArgs(argv: readonly string[]): AdminCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        reason: { type: 'string' },
        'up-to': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new AdminUsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) throw new AdminUsageError('');
  const [command, ...extra] = positionals;
  if (command === undefined) {
    throw new AdminUsageError(`Name a command: ${COMMANDS.join(', ')}`);
  }
  if (extra.length > 0) throw new AdminUsageError(`Unexpected argument "${extra[0]}"`);
  const upTo = values['up-to'];
  const reason = values.reason;
  switch (command) {
    case 'reset': {
      if (upTo !== undefined) throw new AdminUsageError('--up-to belongs to compact, not reset');
      const text = reason?.trim() ?? '';
      if (text === '') throw new AdminUsageError('reset needs --reason TEXT (why the reset)');
      if (text.length > RESET_REASON_MAX) {
        throw new AdminUsageError(`--reason is longer than ${RESET_REASON_MAX} characters`);
      }
      return { kind: 'reset', reason: text };
    }
    case 'compact':
      if (reason !== undefined) throw new AdminUsageError('--reason belongs to reset, not compact');
      if (upTo === undefined) throw new AdminUsageError('compact needs --up-to CURSOR');
      return { kind: 'compact', upTo: cursorArg(upTo) };
    case 'status':
      if (reason !== undefined || upTo !== undefined) {
        throw new AdminUsageError('status takes no options');
      }
      return { kind: 'status' };
    default:
      throw new AdminUsageError(`Unknown command "${command}"; use ${COMMANDS.join(', ')}`);
  }
}
