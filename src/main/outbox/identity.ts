import { ContractError } from '../../shared/contract';
import { roleSchema, type User } from '../../shared/domain/user';
import type { Db } from '../db/connection';

/** Where the logged-in user comes from: the server session, once it has logged in. */
export interface UserSource {
  readonly user: User | null;
  /** The login name of the session; null when no one is signed in. */
  readonly username: string | null;
  accessToken(): Promise<string>;
}

interface UserRow {
  user_id: string;
  display_name: string;
  role: string;
}

/**
 * Who this console works as. Local work is recorded under the user's id at once, also while the
 * server cannot be reached, so the id of the last login is kept in the database (per login name).
 */
export class ConsoleIdentity {
  constructor(
    private readonly db: Db,
    private readonly source: UserSource,
  ) {}

  /** Keeps the session's user, if it has one and it is new. */
  remember(): User | null {
    const user = this.source.user;
    if (!user) return null;
    const username = this.source.username;
    if (!username) return null;
    const stored = this.stored();
    if (
      stored?.id === user.id &&
      stored.displayName === user.displayName &&
      stored.role === user.role
    ) {
      return user;
    }
    this.db
      .prepare(
        `INSERT INTO console_user (username, user_id, display_name, role, seen_at)
         VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (username) DO UPDATE SET user_id = excluded.user_id,
           display_name = excluded.display_name, role = excluded.role, seen_at = excluded.seen_at`,
      )
      .run(username, user.id, user.displayName, user.role, new Date().toISOString());
    return user;
  }

  /** The user as last seen, without asking the server. */
  known(): User | null {
    return this.remember() ?? this.stored();
  }

  /** The user; logs in when this console has never done so under this name. */
  async require(): Promise<User> {
    const known = this.known();
    if (known) return known;
    try {
      await this.source.accessToken();
    } catch (error) {
      throw new ContractError(
        'internal',
        `Not logged in at the server yet, so the work cannot be recorded: ${(error as Error).message}`,
      );
    }
    const user = this.remember();
    if (!user) throw new ContractError('internal', 'The login did not say who is logged in');
    return user;
  }

  private stored(): User | null {
    const username = this.source.username;
    if (!username) return null;
    const row = this.db
      .prepare('SELECT user_id, display_name, role FROM console_user WHERE username = ?')
      .get(username) as UserRow | undefined;
    if (!row) return null;
    const role = roleSchema.safeParse(row.role);
    if (!role.success) return null;
    return {
      id: row.user_id,
      username,
      displayName: row.display_name,
      role: role.data,
    };
  }
}
