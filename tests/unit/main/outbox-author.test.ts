import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { migrate, schemaVersion } from '../../../src/main/db/migrate';
import { MIGRATIONS } from '../../../src/main/db/migrations';
import { OutboxStore } from '../../../src/main/outbox/store';
import type { OutboxSession } from '../../../src/main/outbox/service';
import type { User } from '../../../src/shared/domain/user';
import {
  call,
  CLERK,
  FakeServer,
  insertCase,
  outboxStates,
  startOutbox,
  tempDb,
} from './outbox-support';

const OTHER: User = {
  id: 'other-clerk',
  username: 'k.berger',
  displayName: 'Karl Berger',
  role: 'clerk',
};

/** A console's login that changes hands, as when one clerk signs out and another signs in. */
function switchableSession(first: User) {
  let current: User = first;
  const session: OutboxSession = {
    serverUrl: 'http://127.0.0.1:9',
    signal: new AbortController().signal,
    get user() {
      return current;
    },
    get username() {
      return current.username;
    },
    accessToken: async () => `token-of-${current.username}`,
    authorized: (fn) => fn(`token-of-${current.username}`),
  };
  return { session, switchTo: (user: User) => (current = user) };
}

const decide = (caseId: string) => ({
  caseId,
  baseVersion: 3,
  decision: 'withdraw' as const,
  reasonCode: 'sign_faulty' as const,
  text: 'Schild fehlte.',
});

describe('outbox on a shared console', () => {
  it("sends each clerk's work only while that clerk is signed in", async () => {
    const file = tempDb();
    const db = file.open();
    const server = new FakeServer();
    const { session, switchTo } = switchableSession(CLERK);
    const outbox = startOutbox(db, server, session);
    try {
      const first = insertCase(db);
      const second = insertCase(db);
      const mine = await call(outbox.impl, 'work.decide', decide(first.id));
      switchTo(OTHER);
      const theirs = await call(outbox.impl, 'work.decide', decide(second.id));
      expect(db.prepare('SELECT id, author FROM outbox ORDER BY seq').all()).toEqual([
        { id: mine.id, author: CLERK.username },
        { id: theirs.id, author: OTHER.username },
      ]);

      outbox.service.start();
      await vi.waitFor(() => expect(server.applied).toEqual([theirs.id]), { timeout: 3000 });
      expect(outboxStates(db)[mine.id]).toBe('pending');

      await outbox.service.stop();
      switchTo(CLERK);
      outbox.service.start();
      await vi.waitFor(() => expect(server.applied).toEqual([theirs.id, mine.id]), {
        timeout: 3000,
      });
    } finally {
      await outbox.service.stop();
      db.close();
      file.remove();
    }
  });
});

describe('migration 0013: outbox author', () => {
  it('keeps older work, without an author, sendable by whoever signs in', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 12));
    db.prepare(
      `INSERT INTO outbox (id, kind, mutation, state, created_at, updated_at)
       VALUES ('o1', 'claim', '{}', 'pending', '2026-11-20T08:00:00Z', '2026-11-20T08:00:00Z')`,
    ).run();
    migrate(db, MIGRATIONS.slice(0, 13));
    expect(schemaVersion(db)).toBe(13);
    const store = new OutboxStore(db, undefined, () => OTHER.username);
    expect(store.unsent(10).map((row) => [row.id, row.author])).toEqual([['o1', null]]);
    expect(new OutboxStore(db, undefined, () => null).hasUnsent()).toBe(true);
  });
});
