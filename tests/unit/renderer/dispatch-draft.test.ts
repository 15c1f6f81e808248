import { describe, expect, it } from 'vitest';
import { checkDispatchDraft, EMPTY_DRAFT } from '../../../src/renderer/features/dispatch/draft';
import { headlineOf } from '../../../src/renderer/features/dispatch/summary';
import { officeLocalToIso } from '../../../src/renderer/i18n/format';

const NOW = Date.parse('2026-11-27T09:00:00Z');
const check = (change: Partial<typeof EMPTY_DRAFT>) =>
  checkDispatchDraft({ ...EMPTY_DRAFT, ...change }, NOW, officeLocalToIso);

describe('checkDispatchDraft', () => {
  it('needs a recipient and a message', () => {
    expect(check({}).errors).toEqual({ targets: true, body: true });
    expect(check({ teamIds: ['team-nord'], body: '   ' }).errors).toEqual({ body: true });
    expect(check({ teamIds: ['team-nord'], body: 'Achtung' }).input).not.toBeNull();
  });

  it('sends the draft as typed, trimmed, to every kind of target', () => {
    expect(
      check({
        teamIds: ['team-nord'],
        conversationIds: ['c0a80101-0000-4000-8000-000000000001'],
        userIds: ['officer-01'],
        body: '  Königsplatz freihalten  ',
        priority: 'urgent',
        ackRequested: true,
        remindAfterMinutes: 30,
      }).input,
    ).toEqual({
      targets: {
        teamIds: ['team-nord'],
        conversationIds: ['c0a80101-0000-4000-8000-000000000001'],
        userIds: ['officer-01'],
      },
      body: 'Königsplatz freihalten',
      priority: 'urgent',
      ackRequested: true,
      remindAfterMinutes: 30,
    });
  });

  it('keeps a reminder only for urgent dispatches asking for acknowledgement', () => {
    const high = check({
      userIds: ['officer-01'],
      body: 'x',
      priority: 'high',
      ackRequested: true,
    });
    expect(high.reminderApplies).toBe(false);
    const withReminder = check({
      userIds: ['officer-01'],
      body: 'x',
      priority: 'high',
      ackRequested: true,
      remindAfterMinutes: 15,
    });
    expect(withReminder.input).not.toHaveProperty('remindAfterMinutes');
  });

  it('schedules only for a time in the future, read as office time', () => {
    const base = { userIds: ['officer-01'], body: 'Morgen Großveranstaltung', later: true };
    expect(check({ ...base, sendAtLocal: '' }).errors).toEqual({ sendAt: true });
    expect(check({ ...base, sendAtLocal: '2026-11-27T09:30' }).errors).toEqual({ sendAt: true });
    expect(check({ ...base, sendAtLocal: '2026-11-28T07:00' }).input?.sendAt).toBe(
      '2026-11-28T06:00:00.000Z',
    );
  });
});

describe('headlineOf', () => {
  const counts = { recipients: 180, delivered: 170, read: 150, acknowledged: 142 };

  it('counts acknowledgements when they were asked for', () => {
    expect(headlineOf(counts, true)).toEqual({ key: 'acknowledged', count: 142, total: 180 });
  });

  it('else readers, or deliveries before anyone read it', () => {
    expect(headlineOf(counts, false)).toEqual({ key: 'read', count: 150, total: 180 });
    expect(headlineOf({ ...counts, read: 0, acknowledged: 0 }, false)).toEqual({
      key: 'delivered',
      count: 170,
      total: 180,
    });
  });

  it('says when nobody has been reached yet (scheduled)', () => {
    expect(headlineOf({ recipients: 0, delivered: 0, read: 0, acknowledged: 0 }, true).key).toBe(
      'noRecipients',
    );
  });
});
