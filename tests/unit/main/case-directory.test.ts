import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src/main/db/connection';
import { caseCalls, Feed, type CaseCall } from './case-queue-fixtures';

describe('cases.directory', () => {
  let db: Db;
  let feed: Feed;
  let call: CaseCall;
  beforeEach(() => {
    db = openDatabase(':memory:');
    feed = new Feed(db);
    call = caseCalls(db);
  });
  afterEach(() => db.close());

  it('lists the field officers by name with their team, and the offences by code', async () => {
    feed.upsert('team', { id: 'team-nord', name: 'Team Nord', districts: [11, 12] });
    feed.upsert(
      'person',
      { id: 'officer-2', displayName: 'Zeynep Öztürk', role: 'officer', teamId: 'team-nord' },
      { id: 'officer-1', displayName: 'anton Bauer', role: 'officer', teamId: null },
      { id: 'clerk-1', displayName: 'Claudia Schreiber', role: 'clerk', teamId: null },
      { id: 'lead-1', displayName: 'Georg Lindner', role: 'team_lead', teamId: 'team-nord' },
    );
    feed.upsert(
      'offence',
      {
        code: 'P102',
        text: 'Parken im absoluten Halteverbot',
        fineCents: 3500,
        illustrative: true,
      },
      {
        code: 'P101',
        text: 'Parken im eingeschränkten Halteverbot',
        fineCents: 2500,
        illustrative: true,
      },
    );

    expect(await call('cases.directory', {})).toEqual({
      // Clerks and team leads are no field officers; the order ignores case.
      officers: [
        { id: 'officer-1', displayName: 'anton Bauer', teamName: null },
        { id: 'officer-2', displayName: 'Zeynep Öztürk', teamName: 'Team Nord' },
      ],
      offences: [
        { code: 'P101', text: 'Parken im eingeschränkten Halteverbot', fineCents: 2500 },
        { code: 'P102', text: 'Parken im absoluten Halteverbot', fineCents: 3500 },
      ],
    });
  });

  it('answers empty before the first sync, and refuses input', async () => {
    expect(await call('cases.directory', {})).toEqual({ officers: [], offences: [] });
    await expect(call('cases.directory', { role: 'clerk' })).rejects.toThrow();
  });
});
