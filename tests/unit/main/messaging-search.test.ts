import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXCERPT_MAX } from '../../../src/shared/contract';
import { openDatabase, type Db } from '../../../src/main/db/connection';
import { planMessageSearch } from '../../../src/main/messaging/search-query';
import { Chat, LEAD, ME, messageCalls, orderedIds, type MessageCall } from './messaging-fixtures';

describe('messages.search', () => {
  let db: Db;
  let chat: Chat;
  let call: MessageCall;
  let direct: string;
  let group: string;
  let foreign: string;
  beforeEach(() => {
    db = openDatabase(':memory:');
    chat = new Chat(db);
    chat.person('officer-huber', 'Anna Huber', null);
    chat.person(LEAD.id, 'Georg Lindner', null, 'team_lead');
    direct = chat.conversation({ kind: 'direct', members: ['officer-huber', ME.id] });
    group = chat.conversation({
      kind: 'group',
      title: 'Innendienst',
      members: [LEAD.id, ME.id, 'officer-huber'],
    });
    foreign = chat.conversation({ kind: 'group', title: 'Leitung', members: [LEAD.id] });
    call = messageCalls(db);
  });
  afterEach(() => db.close());

  const bodies = async (query: string, more: Record<string, unknown> = {}) =>
    (await call('messages.search', { query, ...more })).hits.map(
      (h) =>
        db.prepare('SELECT body FROM messages WHERE id = ?').pluck().get(h.messageId) as string,
    );

  it('finds words by their beginning, whatever the case and accents', async () => {
    chat.message(direct, 'officer-huber', 'Treffen am Marienplatz in München');
    chat.message(group, LEAD.id, 'Die Straße ist ab Montag gesperrt.');
    chat.message(group, LEAD.id, 'Café Größenwahn: Fahrzeug entfernt');
    expect(await bodies('munchen')).toEqual(['Treffen am Marienplatz in München']);
    expect(await bodies('MÜNCH')).toEqual(['Treffen am Marienplatz in München']);
    expect(await bodies('cafe grossen')).toEqual([]); // ß is no "ss"
    expect(await bodies('cafe größen')).toEqual(['Café Größenwahn: Fahrzeug entfernt']);
    expect(await bodies('strasse')).toEqual([]);
    expect(await bodies('straße ab')).toEqual(['Die Straße ist ab Montag gesperrt.']);
    // Every word must match.
    expect(await bodies('straße münchen')).toEqual([]);
  });

  it('takes quotes, stars and search syntax as plain text', async () => {
    chat.message(group, LEAD.id, 'Bitte "Anhörung" prüfen');
    chat.message(group, LEAD.id, 'Haltestelle NEAR Rathaus (Nord)');
    chat.message(group, LEAD.id, 'Sternchen * im Text');
    expect(await bodies('"Anhörung"')).toEqual(['Bitte "Anhörung" prüfen']);
    expect(await bodies('"Anhörung')).toEqual(['Bitte "Anhörung" prüfen']);
    expect(await bodies('Halt*')).toEqual(['Haltestelle NEAR Rathaus (Nord)']);
    expect(await bodies('NEAR(Rathaus')).toEqual(['Haltestelle NEAR Rathaus (Nord)']);
    expect(await bodies('rathaus OR nichts')).toEqual([]);
    expect(await bodies('Nord) AND')).toEqual([]);
    expect(await bodies('sternchen *')).toEqual(['Sternchen * im Text']);
    // Nothing to search for: no hits, no error.
    expect(await bodies('** ""')).toEqual([]);
    expect(planMessageSearch('a "b*" NEAR(c')?.query).toBe('"a"* """b*"""* "NEAR(c"*');
  });

  it('searches only my conversations, newest first, one of them if asked', async () => {
    const old = chat.message(direct, 'officer-huber', 'Parkausweis abgelaufen');
    chat.message(foreign, LEAD.id, 'Parkausweis der Leitung');
    const newer = chat.message(group, LEAD.id, 'Parkausweise bitte bis Freitag');
    const newest = chat.message(group, 'officer-huber', 'Parkausweis liegt vor');

    const { hits } = await call('messages.search', { query: 'parkausweis' });
    expect(hits.map((h) => h.messageId)).toEqual([newest.id, newer.id, old.id]);
    expect(hits.map((h) => [h.conversationTitle, h.senderName])).toEqual([
      ['Innendienst', 'Anna Huber'],
      ['Innendienst', 'Georg Lindner'],
      // A direct conversation is named after the other person, as in the list.
      ['Anna Huber', 'Anna Huber'],
    ]);
    expect(hits[2]).toMatchObject({
      conversationId: direct,
      sentAt: old.sentAt,
      excerpt: 'Parkausweis abgelaufen',
    });

    expect(
      (await call('messages.search', { query: 'parkausweis', conversationId: direct })).hits,
    ).toHaveLength(1);
    expect(
      (await call('messages.search', { query: 'parkausweis', limit: 2 })).hits.map(
        (h) => h.messageId,
      ),
    ).toEqual([newest.id, newer.id]);
    // Another member's conversation, even asked for by id, shows nothing.
    expect(
      (await call('messages.search', { query: 'parkausweis', conversationId: foreign })).hits,
    ).toEqual([]);
    expect(
      (await messageCalls(db, LEAD)('messages.search', { query: 'leitung' })).hits,
    ).toHaveLength(1);
    expect(
      (await messageCalls(db, null)('messages.search', { query: 'parkausweis' })).hits,
    ).toEqual([]);
    await expect(call('messages.search', { query: 'p' })).rejects.toThrow();
  });

  it('gives each hit its position, where messages.page shows it', async () => {
    const records = Array.from({ length: 301 }, (_, i) =>
      chat.messageRecord(group, LEAD.id, i % 50 === 7 ? `Treffer ${i}` : `Rauschen ${i}`),
    );
    chat.messages(records);
    const straight = orderedIds(db, group);
    const { hits } = await call('messages.search', { query: 'treffer', limit: 100 });
    expect(hits.map((h) => h.excerpt)).toEqual([
      'Treffer 257',
      'Treffer 207',
      'Treffer 157',
      'Treffer 107',
      'Treffer 57',
      'Treffer 7',
    ]);
    for (const hit of hits) {
      expect(straight[hit.position]).toBe(hit.messageId);
      const page = await call('messages.page', {
        conversationId: group,
        offset: hit.position,
        limit: 1,
      });
      expect(page.items[0]?.id).toBe(hit.messageId);
    }
  });

  it('shows the part of a long message around the first match', async () => {
    const long = `Montag: ${'Vorrede '.repeat(40)}Hier steht das Kennzeichen M-QX 4711 des Fahrzeugs. ${'Nachsatz '.repeat(40)}`;
    chat.message(group, LEAD.id, long);
    const [near] = (await call('messages.search', { query: 'kennzeichen' })).hits;
    expect(near?.excerpt).toMatch(/^…Vorrede .*Hier steht das Kennzeichen M-QX 4711 .*Nachsatz…$/);
    expect(near?.excerpt.length).toBeLessThanOrEqual(EXCERPT_MAX + 1);
    // A phrase: "Montag" starts with "m", but the match is "M-QX".
    const [phrase] = (await call('messages.search', { query: 'm-qx' })).hits;
    expect(phrase?.excerpt).toMatch(/^…Hier steht das Kennzeichen M-QX 4711 /);
    // Short: whole.
    chat.message(group, LEAD.id, 'Kurz:\n  das Kennzeichen');
    expect((await call('messages.search', { query: 'kennzeichen' })).hits[0]?.excerpt).toBe(
      'Kurz: das Kennzeichen',
    );
    // Near the end: the end, whole.
    chat.message(group, LEAD.id, `${'Vorrede '.repeat(40)}und zum Schluss`);
    const [end] = (await call('messages.search', { query: 'schluss' })).hits;
    expect(end?.excerpt).toMatch(/^…(Vorrede )+und zum Schluss$/);
    expect(end?.excerpt).toHaveLength(EXCERPT_MAX);
  });
});
