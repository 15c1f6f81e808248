import type { Role } from '../../shared/domain/user';
import { hashPassword } from '../auth/passwords';
import { createCase } from '../cases/create';
import { setCaseStatus } from '../cases/update';
import type { FeedHub } from '../feed/hub';
import { commitWithFeed } from '../feed/write';
import type { SqlClient } from './client';
import { buildDemoCases } from './seed-data/cases';
import { DEMO_TEAMS, OFFICER_NAMES } from './seed-data/people';
import { createPrng } from './seed-data/prng';

export const DEMO_PASSWORD = 'demo';

export interface DemoUser {
  username: string;
  password: string;
  role: Role;
  displayName: string;
}

/** Demo logins for the console's demo launcher and the tests; all exist after seeding. */
export const DEMO_USERS = [
  {
    username: 'demo.clerk',
    password: DEMO_PASSWORD,
    role: 'clerk',
    displayName: 'Claudia Schreiber (Demo)',
  },
  {
    username: 'demo.lead',
    password: DEMO_PASSWORD,
    role: 'team_lead',
    displayName: 'Georg Lindner (Demo)',
  },
  { username: 'demo.admin', password: DEMO_PASSWORD, role: 'admin', displayName: 'Admin (Demo)' },
  {
    username: 'officer.huber',
    password: DEMO_PASSWORD,
    role: 'officer',
    displayName: 'Maria Huber',
  },
] as const satisfies readonly DemoUser[];

/** The demo login for a role, e.g. the clerk the demo console signs in as. */
export function demoLogin(role: Role): { username: string; password: string } {
  const user = DEMO_USERS.find((candidate) => candidate.role === role);
  if (!user) throw new Error(`No demo user with role ${role}`);
  return { username: user.username, password: user.password };
}

export const DEFAULT_SEED_CASES = 400;
const SEED = 0x4b565545; // "KVUE"
const SEED_LOCK_KEY = 4_100_003;

export interface SeedOptions {
  cases?: number;
  /** The moment observed times count back from; fix it for byte-identical data. */
  now?: Date;
}

interface SeedUser {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  team_id: string | null;
}

function demoPeople(): SeedUser[] {
  const users: SeedUser[] = OFFICER_NAMES.map(([given, surname], index) => ({
    id: `officer-${String(index + 1).padStart(2, '0')}`,
    username: `officer.${surname.toLowerCase()}`,
    display_name: `${given} ${surname}`,
    role: 'officer',
    team_id: DEMO_TEAMS[index % DEMO_TEAMS.length]?.id ?? null,
  }));
  const staff = DEMO_USERS.filter((user) => user.role !== 'officer');
  for (const user of staff) {
    users.push({
      id: user.username.replace('.', '-'),
      username: user.username,
      display_name: user.displayName,
      role: user.role,
      team_id: user.role === 'team_lead' ? (DEMO_TEAMS[0]?.id ?? null) : null,
    });
  }
  return users;
}

/**
 * Fills an empty database with deterministic demo data: teams, users, and cases that go through
 * the feed like any other change. Does nothing (and returns false) when users already exist, so
 * restarts keep whatever the demo has turned into.
 */
export async function seedDemoData(
  db: SqlClient,
  hub: FeedHub | null,
  options: SeedOptions = {},
): Promise<boolean> {
  const caseCount = options.cases ?? DEFAULT_SEED_CASES;
  const now = options.now ?? new Date();
  // Hashing is slow by design; every demo user shares the one password, so hash it once.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return commitWithFeed(db, hub, async (tx, feed) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK_KEY]);
    const existing = await tx.query('SELECT 1 FROM users LIMIT 1');
    if (existing.length > 0) return false;

    await tx.query(
      `INSERT INTO teams (id, name)
       SELECT id, name FROM jsonb_to_recordset($1::jsonb) AS x(id text, name text)`,
      [JSON.stringify(DEMO_TEAMS)],
    );
    const people = demoPeople();
    await tx.query(
      `INSERT INTO users (id, username, display_name, role, team_id, password_hash)
       SELECT id, username, display_name, role, team_id, $2
       FROM jsonb_to_recordset($1::jsonb)
         AS x(id text, username text, display_name text, role text, team_id text)`,
      [JSON.stringify(people), passwordHash],
    );

    const rng = createPrng(SEED);
    const officers = people.filter((person) => person.role === 'officer');
    const planned = buildDemoCases(rng, officers, caseCount, now);
    for (const plan of planned) {
      await createCase(tx, feed, plan.officerId, plan.input);
      if (plan.disputed) await setCaseStatus(tx, feed, plan.input.id, 'disputed');
    }
    return true;
  });
}
