import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../src/server/index';
import { FieldSession, Gate } from '../../../src/server/sim/field-client';
import { Inbox } from '../../../src/server/sim/inbox';
import { CaseBook } from '../../../src/server/sim/patrol';
import { Scheduler, SimClock } from '../../../src/server/sim/schedule';
import { SimStats } from '../../../src/server/sim/stats';
import { createPrng } from '../../../src/server/store/seed-data/prng';
import type { DispatchRecord } from '../../../src/shared/domain/dispatch';
import { tokenFor } from '../server/support/client';
import { eventually, latest, postMutations, wholeFeed } from './support';

/** One simulated officer's phone, its time running 600 times as fast (a sim minute: 0.1 s). */
function phone(url: string, username: string, officerId: string, missedAckShare: number) {
  const controller = new AbortController();
  const stats = new SimStats();
  const errors: unknown[] = [];
  const clock = new SimClock(600, 8 * 3_600_000);
  const scheduler = new Scheduler(clock, {
    concurrency: 4,
    onError: (error) => errors.push(error),
  });
  const session = new FieldSession(
    {
      baseUrl: url,
      fetch,
      signal: controller.signal,
      stats,
      timeoutMs: 10_000,
      maxAttempts: 2,
      backoffBaseMs: 10,
      backoffMaxMs: 50,
      loginGate: new Gate(1),
    },
    username,
    'demo',
  );
  const inbox = new Inbox({
    officerId,
    rng: createPrng(11),
    session,
    clock,
    scheduler,
    stats,
    book: new CaseBook(),
    live: null,
    statementPhotoShare: 0,
    missedAckShare,
  });
  return {
    inbox,
    stats,
    errors,
    async stop() {
      scheduler.stop();
      await scheduler.idle();
      controller.abort();
    },
  };
}

describe('field simulator and dispatch reminders', () => {
  let server: RunningServer;
  let lead: string;

  beforeAll(async () => {
    server = await startServer({ seed: { cases: 0 }, dispatches: { intervalMs: 0 } });
    lead = await tokenFor(server.url, 'demo.lead');
  });
  afterAll(async () => {
    await server?.close();
  });

  const receiptOf = async (messageId: string, userId: string) =>
    latest(await wholeFeed(server.url, lead), 'receipt', (r) => `${r.messageId}:${r.userId}`).find(
      (r) => r.messageId === messageId && r.userId === userId,
    );

  it('acknowledges a dispatch it overlooked soon after the reminder alerts the phone again', async () => {
    const huber = phone(server.url, 'officer.huber', 'officer-01', 1);
    try {
      const dispatchId = randomUUID();
      const answer = await postMutations(server.url, lead, [
        {
          id: dispatchId,
          kind: 'dispatch',
          targets: { teamIds: [], conversationIds: [], userIds: ['officer-01'] },
          body: 'Dringend: Zufahrt Königsplatz freihalten, bitte bestätigen.',
          priority: 'urgent',
          ackRequested: true,
          remindAfterMinutes: 10,
        },
      ]);
      const result = answer.results[0];
      if (result?.status !== 'applied') throw new Error(JSON.stringify(result));
      const dispatch = result.record?.data as DispatchRecord;
      const message = latest(await wholeFeed(server.url, lead), 'message', (m) => m.id).find(
        (m) => m.dispatchId === dispatchId,
      );
      if (!message) throw new Error('no message of the dispatch');

      // The phone gets it and reads it (a few sim minutes), but overlooks the acknowledgement.
      await huber.inbox.pull();
      const read = await eventually(async () => {
        const receipt = await receiptOf(message.id, 'officer-01');
        return receipt?.readAt ? receipt : null;
      }, 'the read receipt');
      expect(read.acknowledgedAt).toBeNull();
      await new Promise((resolve) => setTimeout(resolve, 1000)); // ten sim minutes
      expect((await receiptOf(message.id, 'officer-01'))?.acknowledgedAt).toBeNull();

      const due = new Date(Date.parse(dispatch.sentAt ?? '') + 11 * 60_000);
      expect((await server.runDispatches(due)).reminded).toEqual([dispatchId]);
      await huber.inbox.pull();
      const acknowledged = await eventually(async () => {
        const receipt = await receiptOf(message.id, 'officer-01');
        return receipt?.acknowledgedAt ? receipt : null;
      }, 'the acknowledgement after the reminder');
      expect(acknowledged.readAt).toBe(read.readAt);
      expect(huber.stats.receipts.acknowledged).toBe(1);

      // Reading the same reminder again does not acknowledge twice.
      huber.inbox.cursor = 0;
      await huber.inbox.pull();
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(huber.stats.receipts.acknowledged).toBe(1);
      expect(huber.errors).toEqual([]);
    } finally {
      await huber.stop();
    }
  });
});
