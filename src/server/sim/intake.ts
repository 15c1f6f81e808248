import type { DisputeChannel } from '../../shared/domain/dispute';
import type { Prng } from '../store/seed-data/prng';
import { postDispute } from './field-api';
import { ApiError, StoppedError, type FieldSession } from './field-client';
import { MINUTE_MS, type Scheduler, type SimClock } from './schedule';
import { disputeStatement, type CaseFacts } from '../store/seed-data/statements';
import type { SimStats } from './stats';

const CHANNELS: readonly (readonly [DisputeChannel, number])[] = [
  ['online', 40],
  ['letter', 28],
  ['email', 25],
  ['in_person', 7],
];

/** A Widerspruch that will reach the office some simulated time after the case was recorded. */
export interface PlannedDispute {
  id: string;
  caseId: string;
  channel: DisputeChannel;
  statement: string;
  /** Simulated epoch ms the dispute arrives. */
  arrivesAt: number;
}

/** Draws a dispute for a case: channel, words and arrival time all from `rng`. */
export function planDispute(
  rng: Prng,
  caseId: string,
  facts: CaseFacts,
  delayMs: readonly [number, number],
): PlannedDispute {
  const channel = rng.weighted(CHANNELS);
  return {
    id: rng.uuid(),
    caseId,
    channel,
    statement: disputeStatement(rng, channel, facts),
    arrivesAt: Date.parse(facts.observedAt) + rng.int(delayMs[0], delayMs[1]),
  };
}

/** How often an undeliverable dispute is tried again, a few simulated minutes apart. */
const LATER_TRIES = 3;

/**
 * The office's intake: the citizen portal and the post room enter disputes through
 * `POST /intake/disputes` with an office login (here `demo.clerk`).
 */
export class Intake {
  constructor(
    private readonly session: FieldSession,
    private readonly clock: SimClock,
    private readonly scheduler: Scheduler,
    private readonly stats: SimStats,
  ) {}

  /** Queues a dispute for its arrival time; called once its case is on the server. */
  expect(dispute: PlannedDispute): void {
    if (dispute.arrivesAt >= this.clock.simEnd) return;
    this.scheduler.at(dispute.arrivesAt, 'dispute', () => this.deliver(dispute, 0));
  }

  private async deliver(dispute: PlannedDispute, tries: number): Promise<void> {
    try {
      const result = await postDispute(this.session, {
        id: dispute.id,
        caseId: dispute.caseId,
        receivedAt: new Date(Math.min(dispute.arrivesAt, this.clock.now())).toISOString(),
        channel: dispute.channel,
        statement: dispute.statement,
      });
      if (result.created) this.stats.disputes++;
      else this.stats.disputesRepeated++;
    } catch (error) {
      if (error instanceof StoppedError) throw error;
      if (!(error instanceof ApiError)) throw error;
      this.stats.error(`dispute_${error.code}`);
      // Same id next time: if the first try did land after all, the retry is answered 200.
      if (error.transient && tries < LATER_TRIES) {
        this.scheduler.after(5 * MINUTE_MS, 'dispute', () => this.deliver(dispute, tries + 1));
      }
    }
  }
}
