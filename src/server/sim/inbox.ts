import type { MessageRecord, ReceiptState } from '../../shared/domain/conversation';
import { FEED_RESET_CODE, type FeedChange } from '../../shared/sync/feed';
import type { MutationResult } from '../../shared/sync/mutations';
import type { Prng } from '../store/seed-data/prng';
import { postMutations, pullFeedPage, putPhoto } from './field-api';
import { ApiError, StoppedError, type FieldSession } from './field-client';
import type { LiveWatch } from './live';
import { sceneOf, type CaseBook } from './patrol';
import { makeCasePhoto } from './photo';
import { delays, type Scheduler, type SimClock } from './schedule';
import { officerStatement } from '../store/seed-data/statements';
import type { SimStats } from './stats';

const PAGE_LIMIT = 500;
/** Pages per pull; a backlog beyond this waits for the next pull. */
const PAGES_PER_PULL = 5;
const RECEIPT_LEVEL: Record<ReceiptState, number> = { delivered: 1, read: 2, acknowledged: 3 };

export interface InboxOptions {
  officerId: string;
  rng: Prng;
  session: FieldSession;
  clock: SimClock;
  scheduler: Scheduler;
  stats: SimStats;
  book: CaseBook;
  live: LiveWatch | null;
  /** How often a statement comes with a fresh photo of the case. */
  statementPhotoShare: number;
  /**
   * How often the officer overlooks a request to acknowledge until a dispatch's reminder alerts
   * the phone again (default 0: every request is acknowledged the first time).
   */
  missedAckShare?: number;
}

/**
 * An officer's phone reading the feed: the officer's own cases and the conversations they are
 * in. Messages from others get `delivered` at once and `read` a little later; one that asks for
 * an acknowledgement gets it a few minutes after reading (sooner when urgent); a message about
 * one of the officer's cases (a clerk's statement request) gets an answer in the same
 * conversation, sometimes with a new photo of the case. A message that comes round again with a
 * newer `remindedAt` (a dispatch's reminder) alerts the phone again: if it still lacks the
 * officer's acknowledgement, the officer acknowledges it soon after.
 */
export class Inbox {
  /** Where the next pull starts; null until the first pull. */
  cursor: number | null = null;
  /** The feed epoch `cursor` belongs to, from the last end line; null before the first page. */
  private epoch: string | null = null;
  private readonly handled = new Set<string>();
  /** Messages this officer has answered (seen as replies of theirs in the feed, or sent now). */
  private readonly answered = new Set<string>();
  private readonly mine = new Set<string>();
  private readonly receipts = new Map<string, number>();
  private readonly channels = new Set<string>();
  /** The latest `remindedAt` seen per message, so each reminder alerts once. */
  private readonly reminders = new Map<string, string>();

  constructor(private readonly options: InboxOptions) {}

  /** Pulls whatever is new, unless the live head shows nothing at all has happened. */
  async poll(): Promise<void> {
    const { live } = this.options;
    if (live?.connected && live.head !== null && this.cursor !== null && live.head <= this.cursor) {
      return;
    }
    await this.pull();
  }

  async pull(): Promise<void> {
    const fresh: MessageRecord[] = [];
    const reminded: MessageRecord[] = [];
    for (let page = 0; page < PAGES_PER_PULL; page++) {
      const result = await this.pullPage();
      this.options.stats.feedPulls++;
      for (const change of result.changes) this.take(change, fresh, reminded);
      this.cursor = result.end.cursor;
      this.epoch = result.end.epoch;
      if (!result.end.hasMore) break;
    }
    // Decided after the whole pull: a reply of ours later in the same pull settles a request.
    for (const message of fresh) this.react(message);
    for (const message of reminded) this.realert(message);
  }

  /**
   * The next page; when the server sends this reader back to the start, the feed is read again
   * from 0. What the phone knows stays: reading old messages again answers nothing twice
   * (`handled`, `answered`), and receipts only ever rise.
   */
  private async pullPage() {
    const { session } = this.options;
    try {
      return await pullFeedPage(session, this.cursor ?? 0, PAGE_LIMIT, this.epoch ?? undefined);
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== FEED_RESET_CODE) throw error;
      this.cursor = 0;
      this.epoch = null;
      return pullFeedPage(session, 0, PAGE_LIMIT);
    }
  }

  private take(change: FeedChange, fresh: MessageRecord[], reminded: MessageRecord[]): void {
    if (change.op !== 'upsert') return;
    const me = this.options.officerId;
    switch (change.entity) {
      case 'case':
        if (change.data.officerId === me) this.options.book.remember(change.data.id, change.data);
        break;
      case 'photo':
        this.options.book.get(change.data.caseId)?.photos.add(change.data.sha256);
        break;
      case 'conversation':
        if (change.data.kind === 'channel') this.channels.add(change.data.id);
        break;
      case 'message': {
        const message = change.data;
        if (message.senderId === me) {
          this.mine.add(message.id);
          if (message.replyToId) this.answered.add(message.replyToId);
        } else if (!this.handled.has(message.id)) fresh.push(message);
        else if (
          message.remindedAt !== null &&
          message.remindedAt !== this.reminders.get(message.id)
        ) {
          reminded.push(message);
        }
        break;
      }
      case 'receipt':
        if (change.data.userId === me) {
          const level = change.data.acknowledgedAt ? 3 : change.data.readAt ? 2 : 1;
          const known = this.receipts.get(change.data.messageId) ?? 0;
          this.receipts.set(change.data.messageId, Math.max(known, level));
        }
        break;
      default:
        break;
    }
  }

  private react(message: MessageRecord): void {
    if (this.handled.has(message.id)) return;
    this.handled.add(message.id);
    const { rng, scheduler, stats } = this.options;
    stats.messagesSeen++;
    const level = this.receipts.get(message.id) ?? 0;
    const urgent = message.priority === 'urgent';
    const deliveredIn = delays.delivered(rng);
    const readIn = deliveredIn + delays.read(rng, urgent);
    if (level < 1) this.later(deliveredIn, message, 'delivered');
    if (level < 2) this.later(readIn, message, 'read');
    if (message.remindedAt !== null) this.reminders.set(message.id, message.remindedAt);
    // A message first seen already reminded is not overlooked: the reminder is what shows.
    const { missedAckShare = 0 } = this.options;
    const asked = message.ackRequested && level < 3;
    const overlooked =
      asked && message.remindedAt === null && missedAckShare > 0 && rng.next() < missedAckShare;
    if (asked && !overlooked) {
      this.later(readIn + delays.acknowledge(rng), message, 'acknowledged');
    }
    const aboutCase = message.caseId !== null;
    const repliesToUs = message.replyToId !== null && this.mine.has(message.replyToId);
    const mayPost = !this.channels.has(message.conversationId);
    if (aboutCase && !repliesToUs && mayPost && !this.answered.has(message.id)) {
      const id = rng.uuid();
      const withPhoto = rng.next() < this.options.statementPhotoShare;
      const seed = rng.int(0, 2 ** 31 - 1);
      scheduler.after(readIn + delays.reply(rng), 'statement', () =>
        this.answer(message, id, withPhoto, seed),
      );
    }
  }

  /** A reminder alerts the phone again: acknowledged soon after, unless it already is. */
  private realert(message: MessageRecord): void {
    if (message.remindedAt === null) return;
    this.reminders.set(message.id, message.remindedAt);
    if (
      !message.ackRequested ||
      (this.receipts.get(message.id) ?? 0) >= RECEIPT_LEVEL.acknowledged
    ) {
      return;
    }
    this.later(delays.afterReminder(this.options.rng), message, 'acknowledged');
  }

  private later(inMs: number, message: MessageRecord, state: ReceiptState): void {
    const id = this.options.rng.uuid();
    this.options.scheduler.after(inMs, `receipt ${state}`, async () => {
      if ((this.receipts.get(message.id) ?? 0) >= RECEIPT_LEVEL[state]) return;
      const result = await this.mutate({ id, kind: 'receipt', messageId: message.id, state });
      if (result?.status !== 'applied') return;
      this.options.stats.receipts[state]++;
      this.receipts.set(
        message.id,
        Math.max(this.receipts.get(message.id) ?? 0, RECEIPT_LEVEL[state]),
      );
    });
  }

  /** The statement: a new photo first when there is one, then the reply that points at it. */
  private async answer(message: MessageRecord, id: string, withPhoto: boolean, seed: number) {
    if (this.answered.has(message.id) || message.caseId === null) return;
    const { session, stats, clock, book, rng } = this.options;
    const known = book.get(message.caseId);
    const shas: string[] = [];
    if (known && withPhoto) {
      const index = known.photos.size;
      const takenAt = new Date(clock.now()).toISOString();
      const photo = await makeCasePhoto(sceneOf(known, index, index + 1, takenAt, seed));
      try {
        await putPhoto(session, {
          sha256: photo.sha256,
          bytes: photo.bytes,
          caseId: message.caseId,
          takenAt,
          lat: known.lat,
          lon: known.lon,
        });
        known.photos.add(photo.sha256);
        shas.push(photo.sha256);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        stats.error(`photo_${error.code}`);
      }
    }
    const body = officerStatement(rng, {
      facts: known?.facts ?? null,
      photoCount: known?.photos.size ?? 0,
      withNewPhoto: shas.length > 0,
    });
    const result = await this.mutate({
      id,
      kind: 'message',
      conversationId: message.conversationId,
      body,
      caseId: message.caseId,
      replyToId: message.id,
      photoSha256s: shas,
    });
    if (result?.status !== 'applied') return;
    this.mine.add(id);
    this.answered.add(message.id);
    stats.messagesAnswered++;
    if (shas.length > 0) stats.statementPhotos++;
  }

  /** One mutation; refusals are counted, not thrown (a refused one will not get better). */
  private async mutate(mutation: Record<string, unknown>): Promise<MutationResult | null> {
    const { session, stats } = this.options;
    try {
      const [result] = await postMutations(session, [mutation]);
      if (!result) throw new ApiError(0, 'no_result', 'mutation answered without a result');
      if (result.status === 'rejected') stats.error(`${String(mutation['kind'])}_${result.code}`);
      if (result.status === 'conflict') stats.error(`${String(mutation['kind'])}_conflict`);
      return result;
    } catch (error) {
      if (error instanceof StoppedError || !(error instanceof ApiError)) throw error;
      stats.error(`${String(mutation['kind'])}_${error.code}`);
      return null;
    }
  }
}
