import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../src/server/index';
import { runSimulation } from '../../../src/server/sim/simulation';
import { tokenFor } from '../server/support/client';
import { latest, wholeFeed } from './support';

function networkError(): Error {
  return new TypeError('fetch failed', {
    cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }),
  });
}

/**
 * A network that loses things: the first answer to every case submission is lost after the
 * server has stored the case, every third photo upload meets a 503 from a proxy, and every fifth
 * feed pull fails before reaching the server.
 */
function flakyFetch() {
  const counts = { lostCaseAnswers: 0, proxy503: 0, droppedPulls: 0 };
  const answeredOnce = new Set<string>();
  let photos = 0;
  let pulls = 0;
  const wrapped: typeof fetch = async (input, init) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
    );
    if (init?.method === 'POST' && url.pathname === '/field/cases') {
      const id = (JSON.parse(String(init.body)) as { id: string }).id;
      const response = await fetch(input, init);
      if (response.status !== 201 || answeredOnce.has(id)) return response;
      // Stored, but the answer never arrives.
      await response.arrayBuffer();
      answeredOnce.add(id);
      counts.lostCaseAnswers++;
      throw networkError();
    }
    if (init?.method === 'PUT' && url.pathname.startsWith('/field/photos/') && ++photos % 3 === 0) {
      counts.proxy503++;
      return new Response('<html>Service Unavailable</html>', { status: 503 });
    }
    if (url.pathname === '/sync/feed' && ++pulls % 5 === 0) {
      counts.droppedPulls++;
      throw networkError();
    }
    return fetch(input, init);
  };
  return { fetch: wrapped, counts, answeredOnce };
}

describe('field simulator on a bad network', () => {
  let server: RunningServer;

  beforeAll(async () => {
    // Access tokens that live two seconds: the run must refresh them as it goes.
    server = await startServer({ seed: { cases: 0 }, accessTtlMs: 2000 });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('retries with the same ids, so no case is recorded twice, and keeps its login fresh', async () => {
    const network = flakyFetch();
    const { summary } = await runSimulation({
      server: server.url,
      officers: 3,
      speed: 1200,
      durationMinutes: 120,
      seed: 21,
      pollSeconds: 0.3,
      disputeShare: 0,
      fetch: network.fetch,
      // Jobs still retrying when the time is up get to finish, so the counts below are exact.
      graceMs: 30_000,
    });
    const { counts } = network;
    expect(counts.lostCaseAnswers).toBeGreaterThan(5);
    expect(counts.proxy503).toBeGreaterThan(0);
    expect(counts.droppedPulls).toBeGreaterThan(0);
    expect(summary.errors, JSON.stringify(summary.errorCodes)).toBe(0);
    expect(summary.retries).toBeGreaterThanOrEqual(
      counts.lostCaseAnswers + counts.proxy503 + counts.droppedPulls,
    );
    // Every first answer was lost, so every case was confirmed by its retry (200, repeated).
    expect(summary.cases).toBe(0);
    expect(summary.casesRepeated).toBe(counts.lostCaseAnswers);
    expect(summary.refreshes).toBeGreaterThan(0);

    const clerk = await tokenFor(server.url, 'demo.clerk');
    const feed = await wholeFeed(server.url, clerk);
    const caseLines = feed.filter((change) => change.entity === 'case');
    const cases = latest(feed, 'case', (c) => c.id);
    expect(caseLines).toHaveLength(cases.length);
    expect(new Set(cases.map((c) => c.id))).toEqual(network.answeredOnce);
    expect(new Set(cases.map((c) => c.fileNumber)).size).toBe(cases.length);
    const photos = latest(feed, 'photo', (p) => p.sha256);
    expect(photos).toHaveLength(summary.photos);
    for (const record of cases) {
      expect(photos.some((photo) => photo.caseId === record.id)).toBe(true);
    }
  });
});
