import { describe, expect, it } from 'vitest';
import type { Arrival } from '../../../src/shared/contract';
import { openDatabase } from '../../../src/main/db/connection';
import { ArrivalWatcher } from '../../../src/main/messaging/arrivals';
import { at, Chat, ME } from './messaging-fixtures';

/** The tests' day: messages are sent from 08:01 on; "now" is an hour later. */
const NOW = Date.parse(at(60));

function setup() {
  const db = openDatabase(':memory:');
  const chat = new Chat(db);
  chat.person(ME.id, 'Claudia Schreiber', null, 'clerk');
  chat.person('officer-huber', 'Anna Huber');
  chat.person('lead-1', 'Georg Lindner', null, 'team_lead');
  const direct = chat.conversation({ kind: 'direct', members: ['officer-huber', ME.id] });
  const channel = chat.conversation({
    kind: 'channel',
    title: 'Alle',
    members: ['lead-1', ME.id, 'officer-huber'],
  });
  const foreign = chat.conversation({ kind: 'group', title: 'Leitung', members: ['lead-1'] });
  const delivered: string[] = [];
  const announced: Arrival[][] = [];
  const watcher = (me: string | null = ME.id) =>
    new ArrivalWatcher({
      db,
      me: () => me,
      markDelivered: async (messageIds) => {
        for (const messageId of messageIds) {
          delivered.push(messageId);
          // As the outbox's local effect does: the receipt is in the copy at once.
          chat.receipt(messageId, ME.id, 'delivered');
        }
      },
      announce: (arrivals) => announced.push(arrivals),
      now: () => NOW,
    });
  return { db, chat, direct, channel, foreign, delivered, announced, watcher };
}

describe('ArrivalWatcher', () => {
  it('marks new messages from others delivered and announces them, once', async () => {
    const { chat, direct, channel, delivered, announced, watcher } = setup();
    const watch = watcher();
    const question = chat.message(direct, 'officer-huber', 'Foto folgt gleich.');
    const urgent = chat.message(channel, 'lead-1', 'Königsplatz freihalten!', {
      priority: 'urgent',
      ackRequested: true,
    });
    await watch.look();
    expect(delivered).toEqual([question.id, urgent.id]);
    expect(announced).toEqual([
      [
        expect.objectContaining({
          messageId: question.id,
          conversationKind: 'direct',
          conversationTitle: 'Anna Huber',
          senderName: 'Anna Huber',
          excerpt: 'Foto folgt gleich.',
          priority: 'normal',
        }),
        expect.objectContaining({
          messageId: urgent.id,
          conversationKind: 'channel',
          conversationTitle: 'Alle',
          priority: 'urgent',
          ackRequested: true,
        }),
      ],
    ]);

    // Looking again finds nothing new.
    await watch.look();
    expect(delivered).toHaveLength(2);
    expect(announced).toHaveLength(1);
  });

  it('leaves out my own messages, conversations I am not in, and old history', async () => {
    const { chat, direct, foreign, delivered, announced, watcher } = setup();
    const watch = watcher();
    chat.message(direct, ME.id, 'Meine Frage');
    chat.message(foreign, 'lead-1', 'Nur für die Leitung');
    chat.message(direct, 'officer-huber', 'Von vorgestern', {
      sentAt: new Date(NOW - 2 * 86_400_000).toISOString(),
    });
    await watch.look();
    expect(delivered).toEqual([]);
    expect(announced).toEqual([]);
  });

  it('after a restart, marks what a crash left without a receipt, but not what has one', async () => {
    const { chat, direct, delivered, watcher } = setup();
    const marked = chat.message(direct, 'officer-huber', 'schon zugestellt');
    chat.receipt(marked.id, ME.id, 'delivered');
    const unmarked = chat.message(direct, 'officer-huber', 'vor dem Absturz angekommen');
    await watcher().look();
    expect(delivered).toEqual([unmarked.id]);
  });

  it('does nothing before the first login', async () => {
    const { chat, direct, delivered, watcher } = setup();
    chat.message(direct, 'officer-huber', 'Hallo');
    await watcher(null).look();
    expect(delivered).toEqual([]);
  });

  it('still announces when the receipts cannot be recorded', async () => {
    const { db, chat, direct, announced } = setup();
    const first = chat.message(direct, 'officer-huber', 'eins');
    const watch = new ArrivalWatcher({
      db,
      me: () => ME.id,
      markDelivered: async () => {
        throw new Error('not logged in yet');
      },
      announce: (arrivals) => announced.push(arrivals),
      now: () => NOW,
    });
    await watch.look();
    expect(announced[0]?.map((a) => a.messageId)).toEqual([first.id]);
  });
});
