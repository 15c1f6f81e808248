import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseRecordSchema, type CaseRecord } from '../../../src/shared/domain/case';
import { disputeRecordSchema } from '../../../src/shared/domain/dispute';
import type { FeedChange } from '../../../src/shared/sync/feed';
import { newCase, postCase, readWholeFeed, tokenFor } from './support/client';
import { availableTargets } from './support/databases';
import { latestOf, newDispute, postDispute, push, pushOne } from './support/mutations';
import { startTestServer, type TestServer } from './support/server';

describe.each(await availableTargets())('mutations and intake on $name', (target) => {
  let t: TestServer;
  let url: string;
  let clerk: string;
  let lead: string;
  let admin: string;
  let huber: string;
  let bauer: string;

  beforeAll(async () => {
    t = await startTestServer(target, 10);
    url = t.server.url;
    const tokens = await Promise.all(
      ['demo.clerk', 'demo.lead', 'demo.admin', 'officer.huber', 'officer.bauer'].map((name) =>
        tokenFor(url, name),
      ),
    );
    [clerk, lead, admin, huber, bauer] = tokens as [string, string, string, string, string];
  });
  afterAll(async () => {
    await t?.stop();
  });

  const feedOf = async (token: string): Promise<FeedChange[]> =>
    (await readWholeFeed(url, token)).changes;

  const caseNow = async (id: string): Promise<CaseRecord> => {
    const cases = latestOf(await feedOf(clerk), 'case').filter((c) => c.id === id);
    const last = cases[cases.length - 1];
    if (!last) throw new Error(`case ${id} not in the clerk's feed`);
    return last;
  };

  /** A case by officer.huber with a dispute recorded against it. */
  const disputedCase = async (): Promise<CaseRecord> => {
    const created = caseRecordSchema.parse(await (await postCase(url, huber, newCase())).json());
    expect((await postDispute(url, clerk, newDispute(created.id))).status).toBe(201);
    return caseNow(created.id);
  };

  const decision = (c: CaseRecord, extra: Record<string, unknown> = {}) => ({
    id: randomUUID(),
    kind: 'decision',
    caseId: c.id,
    baseVersion: c.version,
    decision: 'uphold',
    reasonCode: 'offence_proven',
    text: 'Fotos belegen den Verstoß.',
    ...extra,
  });

  describe('intake', () => {
    it('records a dispute once, moves the case to disputed and shows it to the office only', async () => {
      const c = caseRecordSchema.parse(await (await postCase(url, huber, newCase())).json());
      const input = newDispute(c.id, { channel: 'email' });
      const first = await postDispute(url, clerk, input);
      expect(first.status).toBe(201);
      const stored = disputeRecordSchema.parse(await first.json());
      expect(stored).toMatchObject({ id: input.id, caseId: c.id, recordedBy: 'demo-clerk' });

      const again = await postDispute(url, clerk, { ...input, statement: 'anders' });
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual(stored);

      const office = await feedOf(clerk);
      expect(latestOf(office, 'dispute').filter((d) => d.id === input.id)).toHaveLength(1);
      expect((await caseNow(c.id)).status).toBe('disputed');
      const trail = latestOf(office, 'case_event').filter((e) => e.caseId === c.id);
      expect(trail.map((e) => e.kind)).toEqual(['recorded', 'disputed']);

      const officer = await feedOf(huber);
      expect(officer.some((line) => line.entity === 'dispute')).toBe(false);
      expect(officer.some((line) => line.entity === 'case_event')).toBe(false);
    });

    it('refuses a dispute for an unknown case (404) and for a withdrawn case (409)', async () => {
      const unknown = await postDispute(url, clerk, newDispute(randomUUID()));
      expect(unknown.status).toBe(404);
      const c = await disputedCase();
      const withdrawn = await pushOne(url, clerk, decision(c, { decision: 'withdraw' }));
      expect(withdrawn.status).toBe('applied');
      const late = await postDispute(url, clerk, newDispute(c.id));
      expect(late.status).toBe(409);
      expect(await late.json()).toMatchObject({ error: { code: 'case_not_open' } });
    });
  });

  describe('claims and decisions', () => {
    it('lets one clerk claim and decide while another sees the claim as a conflict', async () => {
      const c = await disputedCase();
      const claim = await pushOne(url, clerk, { id: randomUUID(), kind: 'claim', caseId: c.id });
      expect(claim).toMatchObject({ status: 'applied', record: { entity: 'claim' } });

      const rival = await pushOne(url, admin, { id: randomUUID(), kind: 'claim', caseId: c.id });
      expect(rival).toMatchObject({
        status: 'conflict',
        current: { entity: 'claim', data: { caseId: c.id, clerkId: 'demo-clerk' } },
      });
      const rivalDecision = await pushOne(url, admin, decision(c));
      expect(rivalDecision.status).toBe('conflict');

      const decided = await pushOne(url, clerk, decision(c));
      expect(decided).toMatchObject({ status: 'applied', repeated: false });
      const after = await caseNow(c.id);
      expect(after).toMatchObject({ status: 'decided', version: c.version + 1 });

      const office = await feedOf(clerk);
      expect(latestOf(office, 'decision').filter((d) => d.caseId === c.id)).toHaveLength(1);
      // The claim ends with the decision: its row is a tombstone now.
      const claimLines = office.filter((line) => line.entity === 'claim');
      expect(claimLines.find((line) => line.op === 'delete' && line.id === c.id)).toBeDefined();
      const kinds = latestOf(office, 'case_event')
        .filter((e) => e.caseId === c.id)
        .map((e) => e.kind);
      expect(kinds).toEqual(['recorded', 'disputed', 'claimed', 'decided']);
    });

    it('answers a decision on an outdated version with a conflict carrying the current case', async () => {
      const c = await disputedCase();
      const first = await pushOne(url, clerk, decision(c, { decision: 'withdraw' }));
      expect(first.status).toBe('applied');
      const second = await pushOne(url, admin, decision(c, { decision: 'forward' }));
      expect(second).toMatchObject({
        status: 'conflict',
        current: {
          entity: 'case',
          data: { id: c.id, status: 'withdrawn', version: c.version + 1 },
        },
      });
      expect((await caseNow(c.id)).status).toBe('withdrawn');
    });

    it('reduces a fine only to a lower amount', async () => {
      const c = await disputedCase();
      const same = await pushOne(
        url,
        clerk,
        decision(c, { decision: 'reduce', newAmountCents: c.fineCents, reasonCode: 'hardship' }),
      );
      expect(same).toMatchObject({
        status: 'rejected',
        code: 'amount_not_lower',
        field: 'newAmountCents',
      });
      const lower = await pushOne(
        url,
        clerk,
        decision(c, { decision: 'reduce', newAmountCents: 1000, reasonCode: 'hardship' }),
      );
      expect(lower.status).toBe('applied');
      expect(await caseNow(c.id)).toMatchObject({ status: 'decided', fineCents: 1000 });
    });

    it('refuses decisions and claims from officers', async () => {
      const c = await disputedCase();
      const result = await push(url, huber, [
        decision(c),
        { id: randomUUID(), kind: 'claim', caseId: c.id },
      ]);
      expect(result.results.map((r) => (r.status === 'rejected' ? r.code : r.status))).toEqual([
        'forbidden',
        'forbidden',
      ]);
      expect((await caseNow(c.id)).version).toBe(c.version);
    });
  });

  describe('statement requests and messages', () => {
    it('asks the officer for a statement, and the answer reaches the clerk linked to the case', async () => {
      const c = await disputedCase();
      const request = decision(c, {
        decision: 'request_statement',
        reasonCode: 'statement_needed',
        text: 'Bitte nehmen Sie zur Beschilderung Stellung.',
      });
      expect((await pushOne(url, clerk, request)).status).toBe('applied');
      expect((await caseNow(c.id)).status).toBe('awaiting_statement');

      const officerFeed = await feedOf(huber);
      const asked = latestOf(officerFeed, 'message').find((m) => m.id === request.id);
      expect(asked).toMatchObject({ caseId: c.id, senderId: 'demo-clerk' });
      const conversation = latestOf(officerFeed, 'conversation').find(
        (conv) => conv.id === asked?.conversationId,
      );
      expect(conversation?.kind).toBe('direct');

      const replyId = randomUUID();
      const reply = await pushOne(url, huber, {
        id: replyId,
        kind: 'message',
        conversationId: asked?.conversationId,
        body: 'Das Schild war frei sichtbar, siehe Foto 1.',
        caseId: c.id,
        replyToId: request.id,
      });
      expect(reply.status).toBe('applied');
      const office = await feedOf(clerk);
      expect(latestOf(office, 'message').find((m) => m.id === replyId)).toMatchObject({
        senderId: 'officer-01',
        caseId: c.id,
        replyToId: request.id,
      });
      const kinds = latestOf(office, 'case_event')
        .filter((e) => e.caseId === c.id)
        .map((e) => e.kind);
      expect(kinds).toEqual(['recorded', 'disputed', 'decided', 'message', 'message']);
      // Another officer sees none of it.
      const other = await feedOf(bauer);
      expect(latestOf(other, 'message').some((m) => m.caseId === c.id)).toBe(false);
      expect(latestOf(other, 'case').some((x) => x.id === c.id)).toBe(false);
    });

    it('keeps one direct conversation per pair, whoever opens it', async () => {
      const first = await pushOne(url, clerk, {
        id: randomUUID(),
        kind: 'conversation',
        conversationId: randomUUID(),
        type: 'direct',
        memberIds: ['officer-02'],
      });
      const second = await pushOne(url, bauer, {
        id: randomUUID(),
        kind: 'conversation',
        conversationId: randomUUID(),
        type: 'direct',
        memberIds: ['demo-clerk'],
      });
      expect(first.status).toBe('applied');
      expect(second.status).toBe('applied');
      if (first.status !== 'applied' || second.status !== 'applied') return;
      expect(second.record?.data).toEqual(first.record?.data);
    });

    it("refuses a clerk's post to a channel and delivers a team lead's dispatch with receipts", async () => {
      const leadFeed = await feedOf(lead);
      const channels = latestOf(leadFeed, 'conversation').filter((c) => c.kind === 'channel');
      const nord = channels.find((c) => c.teamId === 'team-nord');
      const all = channels.find((c) => c.teamId === null);
      expect(nord && all).toBeTruthy();
      if (!nord || !all) return;

      const clerkPost = await pushOne(url, clerk, {
        id: randomUUID(),
        kind: 'message',
        conversationId: all.id,
        body: 'Darf ich hier schreiben?',
      });
      expect(clerkPost).toMatchObject({ status: 'rejected', code: 'forbidden' });

      const dispatchId = randomUUID();
      const dispatch = await pushOne(url, lead, {
        id: dispatchId,
        kind: 'message',
        conversationId: nord.id,
        body: 'Sperrung Leopoldstraße ab 14 Uhr, bitte bestätigen.',
        priority: 'urgent',
        ackRequested: true,
      });
      expect(dispatch.status).toBe('applied');
      // officer.huber (team Nord) receives it; officer.bauer (team Ost) does not.
      expect(latestOf(await feedOf(huber), 'message').some((m) => m.id === dispatchId)).toBe(true);
      expect(latestOf(await feedOf(bauer), 'message').some((m) => m.id === dispatchId)).toBe(false);

      for (const state of ['delivered', 'read', 'acknowledged', 'read']) {
        const mark = await pushOne(url, huber, {
          id: randomUUID(),
          kind: 'receipt',
          messageId: dispatchId,
          state,
        });
        expect(mark.status).toBe('applied');
      }
      const receipts = latestOf(await feedOf(lead), 'receipt').filter(
        (r) => r.messageId === dispatchId,
      );
      const latest = receipts[receipts.length - 1];
      expect(latest?.userId).toBe('officer-01');
      expect(latest?.deliveredAt && latest.readAt && latest.acknowledgedAt).toBeTruthy();
      // A fellow channel member does not get others' receipts.
      const fellow = await tokenFor(url, 'officer.wagner');
      expect(
        latestOf(await feedOf(fellow), 'receipt').some((r) => r.messageId === dispatchId),
      ).toBe(false);
    });
  });

  describe('idempotency', () => {
    it('applies a retried decision once and answers the retry as repeated', async () => {
      const c = await disputedCase();
      const m = decision(c);
      const first = await pushOne(url, clerk, m);
      const retry = await pushOne(url, clerk, m);
      expect(first).toMatchObject({ status: 'applied', repeated: false });
      expect(retry).toMatchObject({ status: 'applied', repeated: true });
      if (first.status === 'applied' && retry.status === 'applied') {
        expect(retry.record).toEqual(first.record);
      }
      expect((await caseNow(c.id)).version).toBe(c.version + 1);
      const decisions = latestOf(await feedOf(clerk), 'decision').filter((d) => d.caseId === c.id);
      expect(decisions).toHaveLength(1);
    });

    it('answers a retry of every mutation kind as repeated, with nothing new on the feed', async () => {
      const c = await disputedCase();
      const channel = latestOf(await feedOf(lead), 'conversation').find(
        (conv) => conv.teamId === 'team-nord',
      );
      const messageId = randomUUID();
      const steps: [string, Record<string, unknown>][] = [
        [clerk, { id: randomUUID(), kind: 'claim', caseId: c.id }],
        [clerk, { id: randomUUID(), kind: 'release', caseId: c.id }],
        [
          lead,
          {
            id: randomUUID(),
            kind: 'conversation',
            conversationId: randomUUID(),
            type: 'group',
            title: 'Nachtschicht',
            memberIds: ['officer-01'],
          },
        ],
        [
          lead,
          {
            id: messageId,
            kind: 'message',
            conversationId: channel?.id,
            body: 'Bitte bestätigen.',
            priority: 'high',
            ackRequested: true,
          },
        ],
        [huber, { id: randomUUID(), kind: 'receipt', messageId, state: 'acknowledged' }],
        [clerk, decision(c)],
      ];
      for (const [token, m] of steps) {
        const first = await pushOne(url, token, m);
        expect(first, String(m['kind'])).toMatchObject({ status: 'applied', repeated: false });
        const head = (await readWholeFeed(url, clerk)).cursor;
        const retry = await pushOne(url, token, m);
        expect(retry, String(m['kind'])).toMatchObject({ status: 'applied', repeated: true });
        expect((await readWholeFeed(url, clerk)).cursor, String(m['kind'])).toBe(head);
      }
    });

    it('applies a message sent in parallel requests exactly once', async () => {
      const channel = latestOf(await feedOf(lead), 'conversation').find(
        (conv) => conv.teamId === 'team-nord',
      );
      const m = {
        id: randomUUID(),
        kind: 'message',
        conversationId: channel?.id,
        body: 'Einmal, bitte.',
      };
      const results = await Promise.all([1, 2, 3, 4].map(() => pushOne(url, lead, m)));
      expect(results.every((r) => r.status === 'applied')).toBe(true);
      expect(results.filter((r) => r.status === 'applied' && !r.repeated)).toHaveLength(1);
      const copies = latestOf(await feedOf(lead), 'message').filter((x) => x.id === m.id);
      expect(copies).toHaveLength(1);
    });

    it('answers a retried refusal the same way, and refuses another user reusing an id', async () => {
      const m = { id: randomUUID(), kind: 'claim', caseId: randomUUID() };
      const first = await pushOne(url, clerk, m);
      expect(first).toMatchObject({ status: 'rejected', code: 'not_found' });
      expect(await pushOne(url, clerk, m)).toEqual(first);
      expect(await pushOne(url, admin, m)).toMatchObject({
        status: 'rejected',
        code: 'id_conflict',
      });
    });

    it('applies the rest of a batch when one entry is refused', async () => {
      const c = await disputedCase();
      const { results } = await push(url, clerk, [
        { id: randomUUID(), kind: 'claim', caseId: randomUUID() },
        { id: 'not-a-uuid', kind: 'claim', caseId: c.id },
        { id: randomUUID(), kind: 'claim', caseId: c.id },
      ]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'applied']);
      expect(results[1]).toMatchObject({ code: 'invalid_input', field: 'id', id: null });
    });
  });
});
