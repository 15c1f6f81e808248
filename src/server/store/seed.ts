import { DISPUTE_CHANNELS } from '../../shared/domain/dispute';
import type { Role } from '../../shared/domain/user';
import { hashPassword } from '../auth/passwords';
import type { AuthUser } from '../auth/sessions';
import { createCase } from '../cases/create';
import { recordDispute } from '../cases/disputes';
import { EVERYONE } from '../feed/audiences';
import type { FeedHub } from '../feed/hub';
import type { FeedRecorder } from '../feed/types';
import { commitWithFeed } from '../feed/write';
import { openConversation } from '../messaging/conversations';
import type { SqlExecutor, SqlClient } from './client';
import { buildDemoCases } from './seed-data/cases';
import { DEMO_TEAMS, demoOfficers } from './seed-data/people';
import { createPrng } from './seed-data/prng';
import { disputeStatement } from './seed-data/statements';

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
  /**
   * Field officers of the demo roster to create, `officer-01` onwards (all 180 by default). A
   * small roster lets a test simulate every member of a team.
   */
  officers?: number;
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

function demoPeople(officerCount?: number): SeedUser[] {
  const users: SeedUser[] = demoOfficers()
    .slice(0, officerCount)
    .map((officer) => ({
      id: officer.id,
      username: officer.username,
      display_name: officer.displayName,
      role: 'officer',
      team_id: officer.teamId,
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
      `INSERT INTO teams (id, name, districts)
       SELECT id, name, ARRAY(SELECT jsonb_array_elements_text(districts)::int)
       FROM jsonb_to_recordset($1::jsonb) AS x(id text, name text, districts jsonb)`,
      [JSON.stringify(DEMO_TEAMS)],
    );
    const people = demoPeople(options.officers);
    await tx.query(
      `INSERT INTO users (id, username, display_name, role, team_id, password_hash)
       SELECT id, username, display_name, role, team_id, $2
       FROM jsonb_to_recordset($1::jsonb)
         AS x(id text, username text, display_name text, role text, team_id text)`,
      [JSON.stringify(people), passwordHash],
    );

    publishDirectory(feed, people);

    const rng = createPrng(SEED);
    const officers = people.filter((person) => person.role === 'officer');
    const planned = buildDemoCases(rng, officers, caseCount, now);
    const clerk = people.find((person) => person.role === 'clerk');
    for (const plan of planned) {
      await createCase(tx, feed, plan.officerId, plan.input);
      if (plan.disputed && clerk) {
        // Letters arrive a few days after the ticket.
        const received = new Date(
          Math.min(
            now.getTime(),
            Date.parse(plan.input.observedAt) + rng.int(1, 10) * 24 * 3600 * 1000,
          ),
        );
        const channel = rng.pick(DISPUTE_CHANNELS);
        await recordDispute(tx, feed, clerk.id, {
          id: rng.uuid(),
          caseId: plan.input.id,
          receivedAt: received.toISOString(),
          channel,
          statement: disputeStatement(rng, channel, plan.input),
        });
      }
    }
    await seedChannels(tx, feed, people, rng.uuid);
    return true;
  });
}

/** Teams and people are the directory every client shows names from. */
function publishDirectory(feed: FeedRecorder, people: readonly SeedUser[]): void {
  for (const team of DEMO_TEAMS) {
    const data = { id: team.id, name: team.name, districts: [...team.districts] };
    feed.record({ entity: 'team', id: team.id, op: 'upsert', data, audience: EVERYONE });
  }
  for (const person of people) {
    const data = {
      id: person.id,
      displayName: person.display_name,
      role: person.role,
      teamId: person.team_id,
    };
    feed.record({ entity: 'person', id: person.id, op: 'upsert', data, audience: EVERYONE });
  }
}

/**
 * One channel per team plus one for the whole field service, owned by the demo team lead: what
 * dispatches go to. The clerk reads the all-hands channel (and may not post to it).
 */
async function seedChannels(
  tx: SqlExecutor,
  feed: FeedRecorder,
  people: readonly SeedUser[],
  uuid: () => string,
): Promise<void> {
  const leadRow = people.find((person) => person.role === 'team_lead');
  if (!leadRow) return;
  const lead: AuthUser = {
    id: leadRow.id,
    username: leadRow.username,
    displayName: leadRow.display_name,
    role: leadRow.role,
    teamId: leadRow.team_id,
  };
  const officers = people.filter((person) => person.role === 'officer');
  for (const team of DEMO_TEAMS) {
    await openConversation(tx, feed, lead, {
      id: uuid(),
      kind: 'channel',
      title: team.name,
      teamId: team.id,
      memberIds: officers.filter((o) => o.team_id === team.id).map((o) => o.id),
    });
  }
  await openConversation(tx, feed, lead, {
    id: uuid(),
    kind: 'channel',
    title: 'Kommunale Verkehrsüberwachung – alle',
    memberIds: people.filter((person) => person.id !== lead.id).map((person) => person.id),
  });
}
