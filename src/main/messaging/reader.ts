import type { User } from '../../shared/domain/user';

/** Who reads: the logged-in user's id and role, or null before the first login. */
export type Reader = Pick<User, 'id' | 'role'>;

/** Only team leads and admins post in channels (the server's rule, mirrored for the composer). */
export function mayPostTo(kind: string, reader: Reader): boolean {
  return kind !== 'channel' || reader.role === 'team_lead' || reader.role === 'admin';
}
