import { createPrng } from '../store/seed-data/prng';
import { ApiError, StoppedError, type FieldSession } from './field-client';
import { Inbox } from './inbox';
import type { Intake } from './intake';
import type { LiveWatch } from './live';
import { CaseBook, Patrol } from './patrol';
import {
  nextCaseOffset,
  planShift,
  type Scheduler,
  type ShiftPlan,
  type SimClock,
} from './schedule';
import type { SimStats } from './stats';

export interface OfficerSetup {
  /** 0-based position in the demo roster: `officer-01` is 0. */
  index: number;
  session: FieldSession;
  seed: number;
  clock: SimClock;
  scheduler: Scheduler;
  stats: SimStats;
  intake: Intake;
  live: LiveWatch | null;
  /** Real ms between two feed pulls. */
  pollMs: number;
  disputeShare: number;
  disputeDelayMs: readonly [number, number];
  statementPhotoShare: number;
  /** See `InboxOptions.missedAckShare`. */
  missedAckShare?: number;
}

/** Independent streams per officer and purpose, so one officer's inbox never shifts another's cases. */
function streamSeed(seed: number, index: number, purpose: number): number {
  return (
    (Math.imul(seed ^ 0x9e3779b9, 31) + Math.imul(index + 1, 0x85ebca6b) + purpose * 0x27d4eb2f) >>>
    0
  );
}

/**
 * One simulated field officer: logs in at the start of the shift, records cases at a steady
 * pace (30–50 per shift) with a break, and checks the phone every few real seconds.
 */
export class Officer {
  readonly shift: ShiftPlan;
  private patrol: Patrol | null = null;
  private inbox: Inbox | null = null;
  private readonly book = new CaseBook();
  private readonly caseRng;
  private readonly messageRng;

  constructor(private readonly setup: OfficerSetup) {
    const shiftRng = createPrng(streamSeed(setup.seed, setup.index, 1));
    this.caseRng = createPrng(streamSeed(setup.seed, setup.index, 2));
    this.messageRng = createPrng(streamSeed(setup.seed, setup.index, 3));
    this.shift = planShift(shiftRng);
  }

  get username(): string {
    return this.setup.session.username;
  }

  /** Schedules the start of the shift. */
  start(): void {
    const { clock, scheduler } = this.setup;
    scheduler.at(clock.simStart + this.shift.startOffsetMs, `${this.username} start`, () =>
      this.begin(),
    );
  }

  /** Where this officer's feed reading starts; see `LiveWatch`. */
  startCursor: number | null = null;

  /**
   * Logs in, then goes on duty. The login waits its turn at the login gate (the server hashes
   * passwords slowly on purpose); it runs beside the scheduler so that waiting does not take a
   * job slot from officers already at work.
   */
  private async begin(): Promise<void> {
    this.setup.session.ensureLoggedIn().then(
      (officerId) => this.onDuty(officerId),
      (error: unknown) => this.loginFailed(error),
    );
  }

  private loginFailed(error: unknown): void {
    const { clock, scheduler, stats } = this.setup;
    if (error instanceof StoppedError) return;
    stats.error(`login_${error instanceof ApiError ? error.code : 'crash'}`);
    // The server was away: try again a simulated minute (at least five real seconds) later.
    // A wrong password stays wrong.
    if (error instanceof ApiError && error.transient) {
      scheduler.after(Math.max(60_000, 5000 * clock.speed), `${this.username} start`, () =>
        this.begin(),
      );
    }
  }

  private onDuty(officerId: string): void {
    const { session, clock, scheduler, stats } = this.setup;
    const common = { rng: this.caseRng, session, clock, stats, book: this.book };
    this.patrol = new Patrol({
      ...common,
      officerId,
      teamIndex: this.setup.index,
      intake: this.setup.intake,
      disputeShare: this.setup.disputeShare,
      disputeDelayMs: this.setup.disputeDelayMs,
    });
    this.inbox = new Inbox({
      ...common,
      rng: this.messageRng,
      officerId,
      scheduler,
      live: this.setup.live,
      statementPhotoShare: this.setup.statementPhotoShare,
      ...(this.setup.missedAckShare === undefined
        ? {}
        : { missedAckShare: this.setup.missedAckShare }),
    });
    this.inbox.cursor = this.startCursor;
    this.scheduleCase(clock.now() - clock.simStart);
    scheduler.after(0, `${this.username} poll`, () => this.poll());
  }

  private scheduleCase(afterOffset: number): void {
    const { clock, scheduler } = this.setup;
    const offset = nextCaseOffset(this.caseRng, this.shift, afterOffset);
    const at = clock.simStart + offset;
    if (at >= clock.simEnd) return;
    scheduler.at(at, 'case', async () => {
      // The next case is planned first, so a slow server never stops the pace.
      this.scheduleCase(offset);
      await this.patrol?.record(at);
    });
  }

  private async poll(): Promise<void> {
    const { clock, scheduler, pollMs } = this.setup;
    try {
      await this.inbox?.poll();
    } catch (error) {
      if (error instanceof StoppedError || !(error instanceof ApiError)) throw error;
      this.setup.stats.error(`feed_${error.code}`);
    } finally {
      // Real seconds, whatever the speed: a phone checks for news, it does not speed up.
      const next = pollMs * (0.8 + Math.random() * 0.4) * clock.speed;
      if (clock.now() + next < clock.simEnd) {
        scheduler.after(next, `${this.username} poll`, () => this.poll());
      }
    }
  }
}
