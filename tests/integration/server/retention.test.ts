import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoLogin } from '../../../src/server/index';
import { REMOVED } from '../../../src/server/privacy/retention';
import type { CaseRecord } from '../../../src/shared/domain/case';
import type { DisputeRecord } from '../../../src/shared/domain/dispute';
import { availableTargets } from './support/databases';
import { startTestServer, type TestServer } from './support/server';
import { login, newCase, readWholeFeed } from './support/client';
import { latestOf, newDispute, postDispute } from './support/mutations';
import { jpegBytes, sha256Of, uploadPhoto } from './support/photos';

const DAY = 86_400_000;

describe.each(await availableTargets())('server retention on $name', (target) => {
  let t: TestServer;
  let photoDir: string;
  let clerk: string;
  let officer: string;

  beforeAll(async () => {
    photoDir = await mkdtemp(join(tmpdir(), 'kvue-retention-photos-'));
    // No timer: the test runs the rule itself, at chosen dates.
    t = await startTestServer(target, 0, {
      photoDir,
      retention: { closedCaseDays: 365, intervalMs: 0 },
    });
    clerk = (await login(t.server.url, demoLogin('clerk').username, DEMO_PASSWORD)).accessToken;
    officer = (await login(t.server.url, demoLogin('officer').username, DEMO_PASSWORD)).accessToken;
  });
  afterAll(async () => {
    await t?.stop();
    await rm(photoDir, { recursive: true, force: true });
  });

  async function caseWithPhotoAndStatement(plate: string, seed: number) {
    const kase = await t.server.createCase(newCase({ plate }));
    const bytes = jpegBytes(3000 + seed);
    expect((await uploadPhoto(t.server.url, officer, bytes, { caseId: kase.id })).status).toBe(201);
    const dispute = newDispute(kase.id, { statement: `Ich war nur kurz beim Bäcker (${plate}).` });
    expect((await postDispute(t.server.url, clerk, dispute)).status).toBe(201);
    return { id: kase.id, sha256: sha256Of(bytes) };
  }

  it('removes personal data and photos of closed cases after the period, and tells the consoles', async () => {
    const closed = await caseWithPhotoAndStatement('M-RT 1', 1);
    const pursued = await caseWithPhotoAndStatement('M-RT 2', 2);
    await t.server.setCaseStatus(closed.id, 'withdrawn');
    const { cursor } = await readWholeFeed(t.server.url, clerk);

    // Not yet: closed today.
    expect(await t.server.runRetention()).toEqual({ cases: 0, photos: 0 });
    // A year and a day later.
    const later = new Date(Date.now() + 366 * DAY);
    expect(await t.server.runRetention(later)).toEqual({ cases: 1, photos: 1 });

    const changes = (await readWholeFeed(t.server.url, clerk, cursor)).changes;
    const cases = latestOf(changes, 'case') as CaseRecord[];
    expect(cases.map((c) => [c.id, c.plate, c.vehicleMake, c.houseNumber, c.status])).toEqual([
      [closed.id, REMOVED, REMOVED, '', 'withdrawn'],
    ]);
    const statements = latestOf(changes, 'dispute') as DisputeRecord[];
    expect(statements.map((d) => [d.caseId, d.statement])).toEqual([[closed.id, REMOVED]]);
    const deleted = changes.flatMap((c) =>
      c.op === 'delete' && c.entity === 'photo' ? [c.id] : [],
    );
    expect(deleted).toEqual([closed.sha256]);

    const gone = await fetch(`${t.server.url}/photos/${closed.sha256}`, {
      headers: { authorization: `Bearer ${clerk}` },
    });
    expect(gone.status).toBe(404);
    await gone.text();
    const stored = (sha: string) => existsSync(join(photoDir, sha.slice(0, 2), sha.slice(2)));
    expect(stored(closed.sha256)).toBe(false);
    expect(stored(pursued.sha256)).toBe(true);

    // Twice changes nothing more.
    expect(await t.server.runRetention(later)).toEqual({ cases: 0, photos: 0 });
  });
});
