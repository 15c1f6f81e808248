import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FEED_ENTITIES, feedChangeSchema, type FeedChange } from '../../../src/shared/sync/feed';
import { openDatabase, type Db } from '../../../src/main/db/connection';
import { FEED_TABLES } from '../../../src/main/db/feed-tables';
import {
  countCases,
  createPageApplier,
  readCheckpoint,
  splitKey,
} from '../../../src/main/sync/apply';
import { makeCase } from '../../support/cases';
import { makeRecords, remove, upsert } from './feed-records';

const count = (db: Db, table: string) =>
  (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('applying every feed entity', () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(':memory:');
  });
  afterEach(() => db.close());

  it('has fixtures the feed schema accepts, for every entity', () => {
    const { records, keys } = makeRecords();
    for (const entity of FEED_ENTITIES) {
      expect(() => feedChangeSchema.parse(upsert(entity, records[entity], 1))).not.toThrow();
      expect(() => feedChangeSchema.parse(remove(entity, keys[entity], 2))).not.toThrow();
    }
  });

  it.each(FEED_ENTITIES)('upserts, updates and deletes a %s by its feed key', (entity) => {
    const apply = createPageApplier(db);
    const { table } = FEED_TABLES[entity];
    const { records, keys } = makeRecords();
    // A second record of the same entity that the delete must leave alone.
    const other = makeRecords();

    apply([upsert(entity, records[entity], 1), upsert(entity, other.records[entity], 2)], 2, 'x');
    expect(count(db, table)).toBe(2);
    // Upserting the same key again replaces the row rather than adding one.
    apply([upsert(entity, records[entity], 3)], 3, 'x');
    expect(count(db, table)).toBe(2);

    apply([remove(entity, keys[entity], 4)], 4, 'x');
    expect(count(db, table)).toBe(1);
    expect(readCheckpoint(db).cursor).toBe(4);
    // Deleting what is already gone is not an error: a replayed page does exactly that.
    apply([remove(entity, keys[entity], 5)], 5, 'x');
    expect(count(db, table)).toBe(1);
  });

  it('stores every entity of one page with its columns mapped', () => {
    const apply = createPageApplier(db);
    const { records } = makeRecords();
    records.message = { ...records.message, sentAt: '2026-11-20T11:15:00+01:00' };
    apply(
      FEED_ENTITIES.map((entity, i) => upsert(entity, records[entity], i + 1)),
      FEED_ENTITIES.length,
      'x',
    );
    for (const entity of FEED_ENTITIES) expect(count(db, FEED_TABLES[entity].table)).toBe(1);

    expect(db.prepare('SELECT * FROM messages').get()).toEqual({
      id: records.message.id,
      conversation_id: records.message.conversationId,
      sender_id: 'lead-1',
      body: records.message.body,
      case_id: records.case.id,
      photo_sha256s: JSON.stringify([records.photo.sha256]),
      reply_to_id: null,
      priority: 'high',
      ack_requested: 1,
      // Stored in UTC, so that text order is time order.
      sent_at: '2026-11-20T10:15:00.000Z',
      // Written by the feed's first generation (see migration 0005).
      sync_gen: 0,
      dispatch_id: records.dispatch.id,
      reminded_at: '2026-11-20T10:00:00.000Z',
    });
    expect(db.prepare('SELECT * FROM dispatches').get()).toEqual({
      id: records.dispatch.id,
      sender_id: 'lead-1',
      body: records.dispatch.body,
      priority: 'urgent',
      ack_requested: 1,
      targets: JSON.stringify(records.dispatch.targets),
      send_at: '2026-11-20T10:00:00.000Z',
      status: 'sent',
      sent_at: '2026-11-20T10:15:00.000Z',
      remind_after_minutes: 30,
      reminded_at: null,
      created_at: '2026-11-20T10:15:00.000Z',
      sync_gen: 0,
    });
    expect(db.prepare('SELECT districts FROM teams').get()).toEqual({ districts: '[4,11,12]' });
    expect(db.prepare('SELECT illustrative, fine_cents FROM offences').get()).toEqual({
      illustrative: 1,
      fine_cents: 2500,
    });
    expect(db.prepare('SELECT lat, lon FROM photos').get()).toEqual({ lat: 48.16, lon: null });
    expect(db.prepare('SELECT new_amount_cents, reason_code FROM decisions').get()).toEqual({
      new_amount_cents: 1500,
      reason_code: 'hardship',
    });
    expect(db.prepare('SELECT delivered_at, read_at FROM receipts').get()).toEqual({
      delivered_at: '2026-11-20T10:15:00.000Z',
      read_at: null,
    });
  });

  it('deletes composite keys by every part, even when the user id contains a colon', () => {
    const apply = createPageApplier(db);
    const { records, keys } = makeRecords();
    const conversationId = records.member.conversationId;
    const messageId = records.receipt.messageId;
    apply(
      [
        upsert('member', records.member, 1),
        upsert('member', { ...records.member, userId: 'ldap' }, 2),
        upsert('receipt', records.receipt, 3),
        upsert('receipt', { ...records.receipt, userId: 'ldap' }, 4),
      ],
      4,
      'x',
    );

    apply([remove('member', keys.member, 5), remove('receipt', keys.receipt, 6)], 6, 'x');
    expect(db.prepare('SELECT conversation_id, user_id FROM members').all()).toEqual([
      { conversation_id: conversationId, user_id: 'ldap' },
    ]);
    expect(db.prepare('SELECT message_id, user_id FROM receipts').all()).toEqual([
      { message_id: messageId, user_id: 'ldap' },
    ]);
  });

  it('still never rolls a case back to an older version, next to other entities', () => {
    const apply = createPageApplier(db);
    const { records } = makeRecords();
    const v2 = { ...records.case, status: 'decided' as const, version: 2 };
    apply([upsert('case', v2, 7), upsert('decision', records.decision, 8)], 8, 'x');
    // The whole feed read again from 0, as after migration 0002.
    const replay = createPageApplier(db);
    replay(
      [
        upsert('case', records.case, 1),
        upsert('case', { ...records.case, status: 'awaiting_statement', version: 1 }, 2),
      ],
      2,
      'x',
    );
    expect(db.prepare('SELECT status, version FROM cases').get()).toEqual({
      status: 'decided',
      version: 2,
    });
    // An equal version is applied: the feed's latest word on that version wins.
    apply([upsert('case', { ...v2, status: 'forwarded' }, 9)], 9, 'x');
    expect(db.prepare('SELECT status FROM cases').get()).toEqual({ status: 'forwarded' });
  });

  describe('a page that cannot be applied rolls back whole, and the cursor stays', () => {
    let apply: ReturnType<typeof createPageApplier>;
    beforeEach(() => {
      apply = createPageApplier(db);
      apply([upsert('case', makeCase(), 3)], 3, 'before');
    });

    const expectUntouched = () => {
      expect(countCases(db)).toBe(1);
      for (const entity of FEED_ENTITIES) {
        if (entity !== 'case') expect(count(db, FEED_TABLES[entity].table)).toBe(0);
      }
      expect(readCheckpoint(db)).toMatchObject({ cursor: 3, lastSyncedAt: 'before', epoch: null });
    };

    const page = (bad: FeedChange): FeedChange[] => {
      const { records } = makeRecords();
      return [
        upsert('case', records.case, 4),
        upsert('photo', records.photo, 5),
        upsert('message', records.message, 6),
        bad,
        upsert('team', records.team, 8),
      ];
    };

    it.each([
      [
        'an unknown entity upsert',
        { entity: 'vehicle', op: 'upsert', data: { id: 'v' } },
        /entity/,
      ],
      ['an unknown entity delete', { entity: 'vehicle', op: 'delete', id: 'v' }, /entity/],
      ['an inherited name as entity', { entity: 'constructor', op: 'delete', id: 'v' }, /entity/],
      ['an unknown op', { entity: 'case', op: 'merge', id: 'v' }, /op/],
    ])('%s', (_name, line, message) => {
      // What the feed schema would refuse; the applier must not half-apply it either.
      const bad = { kind: 'change', cursor: 7, ...line } as unknown as FeedChange;
      expect(() => apply(page(bad), 8, 'after')).toThrow(message);
      expectUntouched();
    });

    it('a row its table refuses', () => {
      const { records } = makeRecords();
      const bad = upsert('photo', { ...records.photo, caseId: null as unknown as string }, 7);
      expect(() => apply(page(bad), 8, 'after')).toThrow();
      expectUntouched();
    });

    it('a composite delete id with too few parts', () => {
      expect(() => apply(page(remove('member', 'no-colon-here', 7)), 8, 'after')).toThrow(
        /key parts/,
      );
      expectUntouched();
    });
  });
});

describe('splitKey', () => {
  it('splits off the leading parts and leaves colons in the last one', () => {
    expect(splitKey('abc', 1)).toEqual(['abc']);
    expect(splitKey('a:b:c', 1)).toEqual(['a:b:c']);
    expect(splitKey('conv:user', 2)).toEqual(['conv', 'user']);
    expect(splitKey('conv:ldap:user', 2)).toEqual(['conv', 'ldap:user']);
  });

  it('refuses an id without enough parts, or with an empty leading part', () => {
    expect(() => splitKey('conv', 2)).toThrow();
    expect(() => splitKey(':user', 2)).toThrow();
  });
});
