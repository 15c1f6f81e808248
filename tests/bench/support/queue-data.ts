import type { CaseRecord, CaseStatus } from '../../../src/shared/domain/case';
import type { DisputeRecord } from '../../../src/shared/domain/dispute';
import type { FeedChange, FeedEntity, FeedRecordOf } from '../../../src/shared/sync/feed';
import type { Db } from '../../../src/main/db/connection';
import { beginBulkLoad, finishBulkLoad } from '../../../src/main/db/bulk-load';
import { createPageApplier } from '../../../src/main/sync/apply';

/** The bench's "now"; cases spread over the 20 months before it (600,000 a year). */
export const BENCH_NOW = new Date('2026-11-20T12:00:00.000Z');
export const BENCH_ME = 'clerk-1';
const SPAN_MS = 20 * 30 * 86_400_000;

/** A small deterministic generator, so two runs measure the same data. */
export function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  return { next, int, pick };
}
type Rng = ReturnType<typeof rng>;

const CITIES = ['M', 'M', 'M', 'M', 'FS', 'DAH', 'EBE', 'STA', 'RO', 'A', 'B', 'HH', 'K', 'S'];
const LETTERS = [...'ABCDEFGHJKLMNPRSTUVWXYZ'];
const STREET_ROOTS = [
  'Leopold',
  'Ludwig',
  'Schelling',
  'Türken',
  'Amalien',
  'Barer',
  'Theresien',
  'Augusten',
  'Dachauer',
  'Landsberger',
  'Lindwurm',
  'Sonnen',
  'Bayer',
  'Goethe',
  'Schiller',
  'Rosenheimer',
  'Wörther',
  'Prinzregenten',
  'Maximilian',
  'Hohenzollern',
  'Müller',
  'Fraunhofer',
  'Kapuziner',
  'Ungerer',
  'Belgrad',
  'Clemens',
  'Nymphenburger',
  'Donnersberger',
  'Tegernseer',
  'Orleans',
];
const STREETS = STREET_ROOTS.flatMap((root) => [`${root}straße`, `${root}platz`, `${root}weg`]);
const OFFENCES = Array.from({ length: 30 }, (_, i) => ({
  code: String(112_400 + i * 7),
  text: `Sie parkten verbotswidrig (Tatbestand ${i + 1}).`,
  fineCents: 1000 + (i % 8) * 500,
}));
const PHRASES = [
  'Ich habe nur kurz gehalten, um meine Mutter abzusetzen.',
  'Das Schild war durch einen Baum verdeckt.',
  'Herr Müller von nebenan kann bezeugen, dass ich nur be- und entladen habe.',
  'Ich hatte einen gültigen Parkschein, er lag auf dem Beifahrersitz.',
  'Der Parkscheinautomat war defekt.',
  'Ich war zu diesem Zeitpunkt nachweislich nicht in München.',
  'Es handelte sich um einen medizinischen Notfall.',
  'Mein Fahrzeug wurde abgeschleppt, bevor ich zurück war.',
  'Die Markierung auf der Straße war nicht erkennbar.',
  'Ich bin Anwohnerin und besitze einen Bewohnerparkausweis.',
];

function plate(r: Rng): string {
  const letters = r.pick(LETTERS) + r.pick(LETTERS);
  return `${r.pick(CITIES)}-${letters} ${1 + r.int(9999)}`;
}

/** By age: recent cases are mostly open or disputed, old ones decided or closed. */
function statusFor(r: Rng, ageDays: number): CaseStatus {
  const x = r.next();
  if (ageDays < 90) {
    if (x < 0.55) return 'open';
    if (x < 0.7) return 'disputed';
    if (x < 0.73) return 'awaiting_statement';
    return 'closed';
  }
  if (x < 0.015) return 'disputed';
  if (x < 0.02) return 'awaiting_statement';
  if (x < 0.06) return 'decided';
  if (x < 0.08) return 'withdrawn';
  if (x < 0.09) return 'forwarded';
  return 'closed';
}

const uuid = (n: number, kind: number) =>
  `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

const change = <E extends FeedEntity>(entity: E, data: FeedRecordOf<E>, cursor: number) =>
  ({ kind: 'change', cursor, entity, op: 'upsert', data }) as FeedChange;

export interface Generated {
  cases: number;
  disputes: number;
  /** Some case ids, for opening cases. */
  sample: string[];
  seconds: number;
}

export interface GenerateOptions {
  /** Changes per applied page (one transaction each). */
  page?: number;
  /**
   * Load as an initial sync of an empty console does: derived indexes and triggers parked, built
   * at the end (src/main/db/bulk-load.ts). The end state is the same, reached in a fraction of
   * the time.
   */
  bulkLoad?: boolean;
}

/**
 * Fills the database through the sync's applier, as a first sync would, in pages of `page`
 * changes (one transaction each): cases, the disputes of disputed and decided cases with their
 * statements, claims, the directory, and some outbox work (pending and conflicts).
 */
export function generate(db: Db, total: number, options: GenerateOptions = {}): Generated {
  const { page = 20_000, bulkLoad = false } = options;
  const started = performance.now();
  if (bulkLoad) beginBulkLoad(db);
  const r = rng(5);
  const apply = createPageApplier(db);
  let cursor = 0;
  let batch: FeedChange[] = [];
  const flush = () => {
    if (batch.length === 0) return;
    apply(batch, cursor, BENCH_NOW.toISOString());
    batch = [];
  };
  const push = <E extends FeedEntity>(entity: E, data: FeedRecordOf<E>) => {
    batch.push(change(entity, data, ++cursor));
    if (batch.length >= page) flush();
  };

  push('team', { id: 'team-1', name: 'Team Nord', districts: [1, 2, 3, 4] });
  for (let i = 1; i <= 250; i++) {
    push('person', {
      id: `officer-${i}`,
      displayName: `Officer ${i}`,
      role: 'officer',
      teamId: 'team-1',
    });
  }
  for (let i = 1; i <= 40; i++) {
    push('person', { id: `clerk-${i}`, displayName: `Clerk ${i}`, role: 'clerk', teamId: null });
  }
  for (const o of OFFENCES) push('offence', { ...o, illustrative: true });

  const plates: string[] = Array.from({ length: Math.ceil(total * 0.6) }, () => plate(r));
  const sample: string[] = [];
  const open: string[] = [];
  let disputes = 0;
  for (let n = 0; n < total; n++) {
    const observed = new Date(BENCH_NOW.getTime() - r.next() * SPAN_MS);
    const ageDays = (BENCH_NOW.getTime() - observed.getTime()) / 86_400_000;
    const status = statusFor(r, ageDays);
    const offence = r.pick(OFFENCES);
    const id = uuid(n, 1);
    const kase: CaseRecord = {
      id,
      fileNumber: `VW-${observed.getUTCFullYear()}-${String(n).padStart(7, '0')}`,
      plate: r.pick(plates),
      vehicleMake: 'Volkswagen',
      vehicleColor: 'Silber',
      offenceCode: offence.code,
      offenceText: offence.text,
      fineCents: offence.fineCents,
      street: r.pick(STREETS),
      houseNumber: String(1 + r.int(120)),
      district: 1 + r.int(25),
      lat: 48.1 + r.next() * 0.1,
      lon: 11.5 + r.next() * 0.1,
      observedAt: observed.toISOString(),
      officerId: `officer-${1 + r.int(250)}`,
      status,
      version: 1,
      updatedAt: observed.toISOString(),
    };
    push('case', kase);
    if (n % 5000 === 0) sample.push(id);
    const disputed = status !== 'open' && status !== 'closed';
    if (disputed || (status === 'closed' && r.next() < 0.03)) {
      const received = new Date(observed.getTime() + r.next() * 40 * 86_400_000);
      const at = (received < BENCH_NOW ? received : BENCH_NOW).toISOString();
      const dispute: DisputeRecord = {
        id: uuid(n, 2),
        caseId: id,
        receivedAt: at,
        channel: 'letter',
        statement: `${r.pick(PHRASES)} ${r.pick(PHRASES)} ${r.pick(PHRASES)}`,
        recordedBy: `clerk-${1 + r.int(40)}`,
        recordedAt: at,
      };
      push('dispute', dispute);
      disputes++;
    }
    if (status === 'disputed') {
      open.push(id);
      if (sample.length < 400 && n % 97 === 0) sample.push(id);
    }
  }
  // Claims on a share of the disputed cases, half of them stale.
  for (const [i, caseId] of open.entries()) {
    if (i % 20 !== 0) continue;
    const claimedAt = new Date(BENCH_NOW.getTime() - (i % 40 === 0 ? 3_600_000 * 5 : 600_000));
    push('claim', {
      caseId,
      clerkId: `clerk-${1 + (i % 40)}`,
      claimedAt: claimedAt.toISOString(),
      expiresAt: new Date(claimedAt.getTime() + 1_800_000).toISOString(),
    });
  }
  flush();
  if (bulkLoad) finishBulkLoad(db);
  addOutboxWork(db, open);
  return { cases: total, disputes, sample, seconds: (performance.now() - started) / 1000 };
}

function addOutboxWork(db: Db, open: string[]): void {
  const insert = db.prepare(
    `INSERT INTO outbox (id, kind, mutation, state, case_id, created_at, updated_at)
     VALUES (?, 'decision', ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (let i = 0; i < 100 && i * 37 < open.length; i++) {
      const caseId = open[i * 37] as string;
      const id = uuid(i, 3);
      const mutation = { id, kind: 'decision', caseId, baseVersion: 1, decision: 'uphold' };
      const at = BENCH_NOW.toISOString();
      insert.run(id, JSON.stringify(mutation), i % 2 ? 'conflict' : 'pending', caseId, at, at);
    }
  })();
}
