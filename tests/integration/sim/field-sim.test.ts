import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../src/server/index';
import { runSimulation, type SimulationResult } from '../../../src/server/sim/simulation';
import { tokenFor } from '../server/support/client';
import { downloadPhoto, eventually, latest, postMutations, wholeFeed } from './support';

const OFFICERS = ['officer-01', 'officer-02', 'officer-03', 'officer-04', 'officer-05'];

describe('field simulator against a real server', () => {
  let server: RunningServer;
  let clerk: string;

  beforeAll(async () => {
    // No demo cases: every case on this server is the simulator's.
    server = await startServer({ seed: { cases: 0 } });
    clerk = await tokenFor(server.url, 'demo.clerk');
  });
  afterAll(async () => {
    await server?.close();
  });

  it('records cases with 1–3 decodable photos each, and disputes arrive', async () => {
    const reports: number[] = [];
    const { summary, interrupted } = await runSimulation({
      server: server.url,
      officers: 5,
      speed: 1200,
      durationMinutes: 120,
      seed: 5,
      pollSeconds: 0.5,
      reportSeconds: 1,
      disputeShare: 0.4,
      disputeDelayMinutes: [1, 20],
      // A loaded test machine may still be uploading when the time is up: let it finish.
      graceMs: 30_000,
      onReport: (line) => reports.push(line.cases),
    });
    expect(interrupted).toBe(false);
    expect(summary.errors, JSON.stringify(summary.errorCodes)).toBe(0);
    expect(reports.length).toBeGreaterThan(2);

    const feed = await wholeFeed(server.url, clerk);
    const cases = latest(feed, 'case', (c) => c.id);
    const photos = latest(feed, 'photo', (p) => p.sha256);
    const disputes = latest(feed, 'dispute', (d) => d.id);

    // 5 officers at 30–50 a shift for a quarter of a shift: roughly 20–60 cases.
    expect(cases.length).toBe(summary.cases);
    expect(cases.length).toBeGreaterThan(15);
    expect(cases.length).toBeLessThan(80);
    expect(new Set(cases.map((c) => c.officerId))).toEqual(new Set(OFFICERS));
    expect(new Set(cases.map((c) => c.fileNumber)).size).toBe(cases.length);
    // Each officer patrols the team's districts; seen together they cover many.
    expect(new Set(cases.map((c) => c.district)).size).toBeGreaterThan(5);
    const now = Date.now();
    for (const record of cases) expect(Date.parse(record.observedAt)).toBeLessThanOrEqual(now);

    expect(photos.length).toBe(summary.photos);
    for (const record of cases) {
      const own = photos.filter((photo) => photo.caseId === record.id);
      expect(own.length).toBeGreaterThanOrEqual(1);
      expect(own.length).toBeLessThanOrEqual(3);
      for (const photo of own) {
        expect(photo.contentType).toBe('image/jpeg');
        expect(photo.uploadedBy).toBe(record.officerId);
        expect(Date.parse(photo.takenAt)).toBeGreaterThanOrEqual(Date.parse(record.observedAt));
      }
    }
    for (const photo of photos.slice(0, 4)) {
      const bytes = await downloadPhoto(server.url, clerk, photo.sha256);
      const meta = await sharp(bytes).metadata();
      expect(meta.format).toBe('jpeg');
      expect(meta.width).toBeGreaterThan(0);
      expect(meta.height).toBeGreaterThan(0);
    }

    expect(disputes.length).toBe(summary.disputes);
    expect(disputes.length).toBeGreaterThan(0);
    const caseIds = new Set(cases.map((c) => c.id));
    for (const dispute of disputes) {
      expect(caseIds.has(dispute.caseId)).toBe(true);
      expect(dispute.recordedBy).toBe('demo-clerk');
      expect(dispute.statement.length).toBeGreaterThan(20);
      const disputed = cases.find((c) => c.id === dispute.caseId);
      expect(disputed?.status).toBe('disputed');
      expect(Date.parse(dispute.receivedAt)).toBeGreaterThan(
        Date.parse(disputed?.observedAt ?? ''),
      );
    }

    // The same seed plans the same cases (same ids): run again, and the server already has
    // them. Nothing is doubled, and no photo of today is added to an old case.
    const again = await runSimulation({
      server: server.url,
      officers: 5,
      speed: 1200,
      durationMinutes: 40,
      seed: 5,
      pollSeconds: 0.5,
      graceMs: 30_000,
    });
    expect(again.summary.casesRepeated).toBeGreaterThan(0);
    expect(again.summary.cases).toBe(0);
    expect(again.summary.photos).toBe(0);
    expect(again.summary.errors, JSON.stringify(again.summary.errorCodes)).toBe(0);
    const after = await wholeFeed(server.url, clerk);
    expect(latest(after, 'case', (c) => c.id)).toHaveLength(cases.length);
    expect(latest(after, 'photo', (p) => p.sha256)).toHaveLength(photos.length);
  });

  it('answers a statement request and acknowledges an urgent dispatch', async () => {
    const stop = new AbortController();
    const running: Promise<SimulationResult> = runSimulation({
      server: server.url,
      officers: 5,
      speed: 600,
      durationMinutes: 480,
      seed: 9,
      pollSeconds: 0.5,
      disputeShare: 0,
      statementPhotoShare: 1,
      signal: stop.signal,
    });
    try {
      // A case of officer-01's recorded by the simulator in this run.
      const before = new Set(
        latest(await wholeFeed(server.url, clerk), 'case', (c) => c.id).map((c) => c.id),
      );
      const subject = await eventually(async () => {
        const cases = latest(await wholeFeed(server.url, clerk), 'case', (c) => c.id);
        return cases.find((c) => c.officerId === 'officer-01' && !before.has(c.id));
      }, 'a new case of officer-01');

      // The clerk asks officer-01 for a statement in their direct conversation.
      const opened = await postMutations(server.url, clerk, [
        {
          id: randomUUID(),
          kind: 'conversation',
          conversationId: randomUUID(),
          type: 'direct',
          memberIds: ['officer-01'],
        },
      ]);
      const conversation = opened.results[0];
      if (conversation?.status !== 'applied' || !conversation.record) {
        throw new Error(`conversation not opened: ${JSON.stringify(conversation)}`);
      }
      const conversationId = (conversation.record.data as { id: string }).id;
      const requestId = randomUUID();
      const asked = await postMutations(server.url, clerk, [
        {
          id: requestId,
          kind: 'message',
          conversationId,
          body: 'Bitte um Stellungnahme: Die Halterin sagt, der Parkschein lag aus.',
          caseId: subject.id,
          priority: 'high',
        },
      ]);
      expect(asked.results[0]?.status).toBe('applied');

      // The team lead dispatches to officer-01's team channel (Außendienst Nord), urgently.
      const lead = await tokenFor(server.url, 'demo.lead');
      const leadFeed = await wholeFeed(server.url, lead);
      const channel = latest(leadFeed, 'conversation', (c) => c.id).find(
        (c) => c.kind === 'channel' && c.teamId === 'team-nord',
      );
      if (!channel) throw new Error('no team channel for team-nord');
      const dispatchId = randomUUID();
      const dispatched = await postMutations(server.url, lead, [
        {
          id: dispatchId,
          kind: 'message',
          conversationId: channel.id,
          body: 'Dringend: Großveranstaltung am Königsplatz, bitte Zufahrten freihalten.',
          priority: 'urgent',
          ackRequested: true,
        },
      ]);
      expect(dispatched.results[0]?.status).toBe('applied');

      const reply = await eventually(async () => {
        const messages = latest(await wholeFeed(server.url, clerk), 'message', (m) => m.id);
        return messages.find((m) => m.replyToId === requestId);
      }, "officer-01's statement");
      expect(reply).toMatchObject({
        conversationId,
        senderId: 'officer-01',
        caseId: subject.id,
      });
      expect(reply.body.length).toBeGreaterThan(20);
      expect(reply.photoSha256s).toHaveLength(1);
      const fresh = await downloadPhoto(server.url, clerk, reply.photoSha256s[0] ?? '');
      expect((await sharp(fresh).metadata()).format).toBe('jpeg');

      // The console's way: a dispute comes in, the clerk decides "request a statement", and the
      // server writes the request to officer-02 as a message about the case.
      const disputedCase = await eventually(async () => {
        const cases = latest(await wholeFeed(server.url, clerk), 'case', (c) => c.id);
        return cases.find((c) => c.officerId === 'officer-02' && !before.has(c.id));
      }, 'a new case of officer-02');
      const intake = await fetch(`${server.url}/intake/disputes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${clerk}` },
        body: JSON.stringify({
          id: randomUUID(),
          caseId: disputedCase.id,
          receivedAt: new Date().toISOString(),
          channel: 'letter',
          statement: 'Ich habe nur kurz zum Ausladen gehalten.',
        }),
      });
      expect(intake.status).toBe(201);
      const afterDispute = latest(await wholeFeed(server.url, clerk), 'case', (c) => c.id).find(
        (c) => c.id === disputedCase.id,
      );
      const decisionId = randomUUID();
      const decided = await postMutations(server.url, clerk, [
        {
          id: decisionId,
          kind: 'decision',
          caseId: disputedCase.id,
          baseVersion: afterDispute?.version,
          decision: 'request_statement',
          reasonCode: 'statement_needed',
          text: 'Die Betroffene sagt, sie habe nur ausgeladen. Bitte um Ihre Stellungnahme.',
        },
      ]);
      expect(decided.results[0]?.status, JSON.stringify(decided.results[0])).toBe('applied');
      const statement = await eventually(async () => {
        const messages = latest(await wholeFeed(server.url, clerk), 'message', (m) => m.id);
        return messages.find((m) => m.replyToId === decisionId);
      }, "officer-02's statement on the disputed case");
      expect(statement).toMatchObject({ senderId: 'officer-02', caseId: disputedCase.id });

      // officer-01 and officer-05 are in team Nord among the five simulated officers.
      const acks = await eventually(async () => {
        const receipts = latest(
          await wholeFeed(server.url, lead),
          'receipt',
          (r) => `${r.messageId}:${r.userId}`,
        ).filter((r) => r.messageId === dispatchId && r.acknowledgedAt !== null);
        return receipts.length >= 2 ? receipts : null;
      }, 'acknowledgements of the dispatch');
      expect(new Set(acks.map((r) => r.userId))).toEqual(new Set(['officer-01', 'officer-05']));
      for (const ack of acks) {
        expect(ack.deliveredAt).not.toBeNull();
        expect(ack.readAt).not.toBeNull();
      }
      // The statement request was read too (no acknowledgement was asked for).
      const requestReceipt = await eventually(async () => {
        const receipts = latest(
          await wholeFeed(server.url, clerk),
          'receipt',
          (r) => `${r.messageId}:${r.userId}`,
        );
        return receipts.find((r) => r.messageId === requestId && r.readAt !== null);
      }, 'the read receipt of the request');
      expect(requestReceipt.acknowledgedAt).toBeNull();
    } finally {
      stop.abort();
    }
    const { summary, interrupted } = await running;
    expect(interrupted).toBe(true);
    expect(summary.messagesAnswered).toBeGreaterThanOrEqual(2);
    expect(summary.receipts.acknowledged).toBeGreaterThanOrEqual(2);
    expect(summary.errors, JSON.stringify(summary.errorCodes)).toBe(0);
  });
});
