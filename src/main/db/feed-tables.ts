import type { FeedEntity, FeedRecordOf } from '../../shared/sync/feed';
import { caseToRow, utc } from '../cases/rows';

/** What better-sqlite3 binds: no booleans, no arrays. */
export type SqlValue = string | number | null;

/** Where one feed entity lives in the console's database (migrations 0001, 0002 and 0012). */
export interface FeedTable<E extends FeedEntity, C extends string = string> {
  table: string;
  /** Every column; `toRow` fills exactly these. */
  columns: readonly C[];
  /**
   * The primary key, in the order its parts appear in a delete line's `id` (joined by `:`).
   * Only the last part may itself contain `:`; the leading parts are UUIDs.
   */
  key: readonly C[];
  /** If set, an upsert never replaces a row whose value here is higher (a replay is harmless). */
  version?: C;
  toRow(record: FeedRecordOf<E>): Record<C, SqlValue>;
}

function table<E extends FeedEntity, const C extends string>(
  spec: FeedTable<E, C>,
): FeedTable<E, C> {
  return spec;
}

const utcOrNull = (iso: string | null) => (iso === null ? null : utc(iso));
const bit = (value: boolean) => (value ? 1 : 0);

/** A dispatch's row; the console's own pending dispatch is written the same way. */
export function dispatchToRow(d: FeedRecordOf<'dispatch'>) {
  return {
    id: d.id,
    sender_id: d.senderId,
    body: d.body,
    priority: d.priority,
    ack_requested: bit(d.ackRequested),
    targets: JSON.stringify({
      teamIds: d.targets.teamIds,
      conversationIds: d.targets.conversationIds,
      userIds: d.targets.userIds,
    }),
    send_at: utcOrNull(d.sendAt),
    status: d.status,
    sent_at: utcOrNull(d.sentAt),
    remind_after_minutes: d.remindAfterMinutes,
    reminded_at: utcOrNull(d.remindedAt),
    created_at: utc(d.createdAt),
  };
}

/**
 * Every entity of the feed and its table. A mapped type over `FeedEntity`: an entity added to the
 * feed schema without a table here is a compile error.
 */
export const FEED_TABLES: { [E in FeedEntity]: FeedTable<E> } = {
  case: table({
    table: 'cases',
    columns: [
      'id',
      'file_number',
      'plate',
      'vehicle_make',
      'vehicle_color',
      'offence_code',
      'offence_text',
      'fine_cents',
      'street',
      'house_number',
      'district',
      'lat',
      'lon',
      'observed_at',
      'officer_id',
      'status',
      'version',
      'updated_at',
    ],
    key: ['id'],
    version: 'version',
    toRow: caseToRow,
  }),
  photo: table({
    table: 'photos',
    columns: [
      'sha256',
      'case_id',
      'taken_at',
      'lat',
      'lon',
      'size_bytes',
      'content_type',
      'uploaded_by',
    ],
    key: ['sha256'],
    toRow: (p) => ({
      sha256: p.sha256,
      case_id: p.caseId,
      taken_at: utc(p.takenAt),
      lat: p.lat,
      lon: p.lon,
      size_bytes: p.sizeBytes,
      content_type: p.contentType,
      uploaded_by: p.uploadedBy,
    }),
  }),
  dispute: table({
    table: 'disputes',
    columns: ['id', 'case_id', 'received_at', 'channel', 'statement', 'recorded_by', 'recorded_at'],
    key: ['id'],
    toRow: (d) => ({
      id: d.id,
      case_id: d.caseId,
      received_at: utc(d.receivedAt),
      channel: d.channel,
      statement: d.statement,
      recorded_by: d.recordedBy,
      recorded_at: utc(d.recordedAt),
    }),
  }),
  decision: table({
    table: 'decisions',
    columns: [
      'id',
      'case_id',
      'kind',
      'reason_code',
      'text',
      'new_amount_cents',
      'clerk_id',
      'decided_at',
    ],
    key: ['id'],
    toRow: (d) => ({
      id: d.id,
      case_id: d.caseId,
      kind: d.kind,
      reason_code: d.reasonCode,
      text: d.text,
      new_amount_cents: d.newAmountCents,
      clerk_id: d.clerkId,
      decided_at: utc(d.decidedAt),
    }),
  }),
  case_event: table({
    table: 'case_events',
    columns: ['id', 'case_id', 'kind', 'actor_id', 'at', 'ref_id', 'detail'],
    key: ['id'],
    toRow: (e) => ({
      id: e.id,
      case_id: e.caseId,
      kind: e.kind,
      actor_id: e.actorId,
      at: utc(e.at),
      ref_id: e.refId,
      detail: e.detail,
    }),
  }),
  claim: table({
    table: 'claims',
    columns: ['case_id', 'clerk_id', 'claimed_at', 'expires_at'],
    key: ['case_id'],
    toRow: (c) => ({
      case_id: c.caseId,
      clerk_id: c.clerkId,
      claimed_at: utc(c.claimedAt),
      expires_at: utc(c.expiresAt),
    }),
  }),
  conversation: table({
    table: 'conversations',
    columns: ['id', 'kind', 'title', 'team_id', 'created_by', 'created_at'],
    key: ['id'],
    toRow: (c) => ({
      id: c.id,
      kind: c.kind,
      title: c.title,
      team_id: c.teamId,
      created_by: c.createdBy,
      created_at: utc(c.createdAt),
    }),
  }),
  member: table({
    table: 'members',
    columns: ['conversation_id', 'user_id', 'role', 'joined_at'],
    key: ['conversation_id', 'user_id'],
    toRow: (m) => ({
      conversation_id: m.conversationId,
      user_id: m.userId,
      role: m.role,
      joined_at: utc(m.joinedAt),
    }),
  }),
  message: table({
    table: 'messages',
    columns: [
      'id',
      'conversation_id',
      'sender_id',
      'body',
      'case_id',
      'photo_sha256s',
      'reply_to_id',
      'priority',
      'ack_requested',
      'sent_at',
      'dispatch_id',
      'reminded_at',
    ],
    key: ['id'],
    toRow: (m) => ({
      id: m.id,
      conversation_id: m.conversationId,
      sender_id: m.senderId,
      body: m.body,
      case_id: m.caseId,
      photo_sha256s: JSON.stringify(m.photoSha256s),
      reply_to_id: m.replyToId,
      priority: m.priority,
      ack_requested: bit(m.ackRequested),
      sent_at: utc(m.sentAt),
      dispatch_id: m.dispatchId,
      reminded_at: utcOrNull(m.remindedAt),
    }),
  }),
  receipt: table({
    table: 'receipts',
    columns: ['message_id', 'user_id', 'delivered_at', 'read_at', 'acknowledged_at'],
    key: ['message_id', 'user_id'],
    toRow: (r) => ({
      message_id: r.messageId,
      user_id: r.userId,
      delivered_at: utcOrNull(r.deliveredAt),
      read_at: utcOrNull(r.readAt),
      acknowledged_at: utcOrNull(r.acknowledgedAt),
    }),
  }),
  team: table({
    table: 'teams',
    columns: ['id', 'name', 'districts'],
    key: ['id'],
    toRow: (t) => ({ id: t.id, name: t.name, districts: JSON.stringify(t.districts) }),
  }),
  person: table({
    table: 'people',
    columns: ['id', 'display_name', 'role', 'team_id'],
    key: ['id'],
    toRow: (p) => ({ id: p.id, display_name: p.displayName, role: p.role, team_id: p.teamId }),
  }),
  offence: table({
    table: 'offences',
    columns: ['code', 'text', 'fine_cents', 'illustrative'],
    key: ['code'],
    toRow: (o) => ({
      code: o.code,
      text: o.text,
      fine_cents: o.fineCents,
      illustrative: bit(o.illustrative),
    }),
  }),
  dispatch: table({
    table: 'dispatches',
    columns: [
      'id',
      'sender_id',
      'body',
      'priority',
      'ack_requested',
      'targets',
      'send_at',
      'status',
      'sent_at',
      'remind_after_minutes',
      'reminded_at',
      'created_at',
    ],
    key: ['id'],
    toRow: dispatchToRow,
  }),
};
