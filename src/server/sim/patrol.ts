import type { CaseRecord, NewCase } from '../../shared/domain/case';
import { createCasePlanner, type PlannedCase } from '../store/seed-data/cases';
import { DEMO_TEAMS } from '../store/seed-data/people';
import type { Prng } from '../store/seed-data/prng';
import { postCase, putPhoto } from './field-api';
import { ApiError, StoppedError, type FieldSession } from './field-client';
import { planDispute, type Intake, type PlannedDispute } from './intake';
import { makeCasePhoto, type PhotoScene } from './photo';
import type { CaseFacts } from '../store/seed-data/statements';
import type { SimClock } from './schedule';
import type { SimStats } from './stats';

/** What an officer remembers of a case of theirs: enough to photograph it again and explain it. */
export interface KnownCase {
  facts: CaseFacts;
  vehicleColor: string;
  district: number;
  lat: number;
  lon: number;
  photos: Set<string>;
}

/** The officer's own cases, newest kept when the book is full. */
export class CaseBook {
  private readonly cases = new Map<string, KnownCase>();

  constructor(private readonly capacity = 400) {}

  get(id: string): KnownCase | undefined {
    return this.cases.get(id);
  }

  get size(): number {
    return this.cases.size;
  }

  remember(id: string, input: Omit<NewCase, 'id'> | CaseRecord): KnownCase {
    const known = this.cases.get(id);
    if (known) return known;
    const entry: KnownCase = {
      facts: {
        offenceCode: input.offenceCode,
        plate: input.plate,
        street: input.street,
        houseNumber: input.houseNumber,
        observedAt: input.observedAt,
      },
      vehicleColor: input.vehicleColor,
      district: input.district,
      lat: input.lat,
      lon: input.lon,
      photos: new Set(),
    };
    this.cases.set(id, entry);
    if (this.cases.size > this.capacity) {
      const oldest = this.cases.keys().next().value;
      if (oldest !== undefined) this.cases.delete(oldest);
    }
    return entry;
  }
}

/** The scene of photo `index` of a known case, taken at `takenAt`. */
export function sceneOf(
  known: KnownCase,
  index: number,
  count: number,
  takenAt: string,
  seed: number,
): PhotoScene {
  return {
    plate: known.facts.plate,
    vehicleColor: known.vehicleColor,
    street: known.facts.street,
    houseNumber: known.facts.houseNumber,
    district: known.district,
    offenceCode: known.facts.offenceCode,
    takenAt,
    index,
    count,
    seed,
  };
}

/** One case on its way to the server: posted first, then its photos one by one. */
interface CaseWork {
  input: NewCase;
  /** Sim ms after the observation each photo was taken; the last one is when the case is saved. */
  photoOffsets: number[];
  photoSeed: number;
  posted: boolean;
  photosDone: number;
  dispute: PlannedDispute | null;
}

const PHOTO_COUNTS: readonly (readonly [number, number])[] = [
  [1, 3],
  [2, 5],
  [3, 2],
];

/** Unsent cases an officer's phone keeps when the server is away; beyond this the oldest go. */
const OUTBOX_MAX = 100;

export interface PatrolOptions {
  officerId: string;
  /** Index into DEMO_TEAMS, as the seed assigns teams. */
  teamIndex: number;
  rng: Prng;
  session: FieldSession;
  clock: SimClock;
  stats: SimStats;
  intake: Intake;
  book: CaseBook;
  disputeShare: number;
  disputeDelayMs: readonly [number, number];
}

/**
 * An officer on patrol: records cases in the team's districts with 1–3 photos each. Cases wait
 * in an outbox until the server has them, and a retry sends the very same case (same id), so a
 * lost answer never makes a second case. The officer's cases come out one after another, as
 * from one phone.
 */
export class Patrol {
  private readonly plan: () => PlannedCase;
  private readonly districts: readonly number[];
  private readonly outbox: CaseWork[] = [];
  private flushing: Promise<void> | null = null;

  constructor(private readonly options: PatrolOptions) {
    const team = DEMO_TEAMS[options.teamIndex % DEMO_TEAMS.length];
    if (!team) throw new Error('No demo teams');
    this.districts = team.districts;
    this.plan = createCasePlanner(
      options.rng,
      [{ id: options.officerId, team_id: team.id }],
      new Date(options.clock.simStart),
    );
  }

  get pending(): number {
    return this.outbox.length;
  }

  /** Records a case observed at simulated time `at` and sends whatever is waiting. */
  record(at: number): Promise<void> {
    this.outbox.push(this.planCase(at));
    if (this.outbox.length > OUTBOX_MAX) {
      this.outbox.shift();
      this.options.stats.error('outbox_full');
    }
    return this.flush();
  }

  /** Sends the outbox in order; one run at a time. */
  flush(): Promise<void> {
    this.flushing ??= this.drain().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private planCase(at: number): CaseWork {
    const { rng } = this.options;
    // The planner draws districts city-wide; an officer patrols the team's own.
    let planned = this.plan();
    for (let tries = 0; !this.districts.includes(planned.input.district) && tries < 50; tries++) {
      planned = this.plan();
    }
    const count = rng.weighted(PHOTO_COUNTS);
    let offset = 0;
    const photoOffsets = Array.from({ length: count }, () => (offset += rng.int(10_000, 45_000)));
    // Observe, photograph, then save the case at `at`: no timestamp is later than the saving.
    const observedAt = new Date(at - offset).toISOString();
    const input: NewCase = { ...planned.input, observedAt };
    const photoSeed = rng.int(0, 2 ** 31 - 1);
    // Drawn for every case, used for some: the stream, and so the next cases, stay the same
    // whatever share of disputes is asked for.
    const disputed = rng.next() < this.options.disputeShare;
    const dispute = planDispute(rng, input.id, input, this.options.disputeDelayMs);
    return {
      input,
      photoOffsets,
      photoSeed,
      posted: false,
      photosDone: 0,
      dispute: disputed ? dispute : null,
    };
  }

  private async drain(): Promise<void> {
    const { stats } = this.options;
    for (;;) {
      const work = this.outbox[0];
      if (!work) return;
      try {
        await this.deliver(work);
      } catch (error) {
        if (error instanceof StoppedError || !(error instanceof ApiError)) throw error;
        stats.error(`case_${error.code}`);
        // The server is away: keep the case for the next round. A refusal will not change.
        if (error.transient) return;
      }
      this.outbox.shift();
    }
  }

  private async deliver(work: CaseWork): Promise<void> {
    const { session, stats, book } = this.options;
    if (!work.posted) {
      const { created, record } = await postCase(session, work.input);
      if (created) stats.casesCreated++;
      else stats.casesRepeated++;
      work.posted = true;
      // The id was taken by an earlier run with the same seed (at another time): that case is
      // done, and photos of today must not be added to it. A retry of our own lost request
      // finds our own observation time and carries on.
      if (!created && Date.parse(record.observedAt) !== Date.parse(work.input.observedAt)) {
        work.photosDone = work.photoOffsets.length;
        return;
      }
      book.remember(work.input.id, work.input);
      if (work.dispute) this.options.intake.expect(work.dispute);
    }
    const known = book.remember(work.input.id, work.input);
    const observed = Date.parse(work.input.observedAt);
    while (work.photosDone < work.photoOffsets.length) {
      const index = work.photosDone;
      const takenAt = new Date(observed + (work.photoOffsets[index] ?? 0)).toISOString();
      const photo = await makeCasePhoto(
        sceneOf(known, index, work.photoOffsets.length, takenAt, work.photoSeed + index),
      );
      try {
        const created = await putPhoto(session, {
          sha256: photo.sha256,
          bytes: photo.bytes,
          caseId: work.input.id,
          takenAt,
          lat: work.input.lat,
          lon: work.input.lon,
        });
        if (created) stats.photosUploaded++;
        else stats.photosRepeated++;
        known.photos.add(photo.sha256);
      } catch (error) {
        if (!(error instanceof ApiError) || error.transient) throw error;
        stats.error(`photo_${error.code}`);
      }
      work.photosDone++;
    }
  }
}
