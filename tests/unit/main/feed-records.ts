import { createHash, randomUUID } from 'node:crypto';
import type { FeedChange, FeedEntity, FeedRecordOf } from '../../../src/shared/sync/feed';
import { makeCase } from '../../support/cases';

const AT = '2026-11-20T10:15:00.000Z';

/**
 * One valid record per feed entity, related to each other (photo, dispute … of one case; member,
 * message, receipt of one conversation), with the key a delete line would carry.
 */
export function makeRecords() {
  const kase = makeCase();
  const conversationId = randomUUID();
  const messageId = randomUUID();
  const dispatchId = randomUUID();
  const sha256 = createHash('sha256').update(randomUUID()).digest('hex');
  // Keys that are not UUIDs still differ between two calls.
  const tag = randomUUID().slice(0, 8);
  const officerId = `officer-${tag}`;
  const teamId = `team-${tag}`;
  const offenceCode = `P${tag}`;
  const records: { [E in FeedEntity]: FeedRecordOf<E> } = {
    case: kase,
    photo: {
      sha256,
      caseId: kase.id,
      takenAt: AT,
      lat: 48.16,
      lon: null,
      sizeBytes: 123_456,
      contentType: 'image/jpeg',
      uploadedBy: 'officer-1',
    },
    dispute: {
      id: randomUUID(),
      caseId: kase.id,
      receivedAt: AT,
      channel: 'letter',
      statement: 'Ich habe nur kurz gehalten, um auszuladen.',
      recordedBy: 'clerk-1',
      recordedAt: AT,
    },
    decision: {
      id: randomUUID(),
      caseId: kase.id,
      kind: 'reduce',
      reasonCode: 'hardship',
      text: 'Herabgesetzt.',
      newAmountCents: 1500,
      clerkId: 'clerk-1',
      decidedAt: AT,
    },
    case_event: {
      id: `evt-${tag}`,
      caseId: kase.id,
      kind: 'decided',
      actorId: 'clerk-1',
      at: AT,
      refId: null,
      detail: 'reduce',
    },
    claim: { caseId: kase.id, clerkId: 'clerk-1', claimedAt: AT, expiresAt: AT },
    conversation: {
      id: conversationId,
      kind: 'group',
      title: 'Team Nord',
      teamId,
      createdBy: 'lead-1',
      createdAt: AT,
    },
    // A user id may itself contain ':'; only the last key part may.
    member: { conversationId, userId: `ldap:${officerId}`, role: 'member', joinedAt: AT },
    message: {
      id: messageId,
      conversationId,
      senderId: 'lead-1',
      body: 'Bitte Stellungnahme zu VW-2026-0000001.',
      caseId: kase.id,
      photoSha256s: [sha256],
      replyToId: null,
      priority: 'high',
      ackRequested: true,
      sentAt: AT,
      dispatchId,
      remindedAt: '2026-11-20T11:00:00+01:00',
    },
    receipt: {
      messageId,
      userId: `ldap:${officerId}`,
      deliveredAt: AT,
      readAt: null,
      acknowledgedAt: null,
    },
    team: { id: teamId, name: 'Team Nord', districts: [4, 11, 12] },
    person: { id: officerId, displayName: 'Anna Huber', role: 'officer', teamId },
    offence: { code: offenceCode, text: 'Halteverbot', fineCents: 2500, illustrative: true },
    dispatch: {
      id: dispatchId,
      senderId: 'lead-1',
      body: 'Bitte Stellungnahme zu VW-2026-0000001.',
      priority: 'urgent',
      ackRequested: true,
      targets: { teamIds: [teamId], conversationIds: [conversationId], userIds: [officerId] },
      sendAt: '2026-11-20T11:00:00+01:00',
      status: 'sent',
      sentAt: AT,
      remindAfterMinutes: 30,
      remindedAt: null,
      createdAt: AT,
    },
  };
  const keys: { [E in FeedEntity]: string } = {
    case: kase.id,
    photo: sha256,
    dispute: records.dispute.id,
    decision: records.decision.id,
    case_event: records.case_event.id,
    claim: kase.id,
    conversation: conversationId,
    member: `${conversationId}:ldap:${officerId}`,
    message: messageId,
    receipt: `${messageId}:ldap:${officerId}`,
    team: teamId,
    person: officerId,
    offence: offenceCode,
    dispatch: dispatchId,
  };
  return { records, keys };
}

export function upsert<E extends FeedEntity>(
  entity: E,
  data: FeedRecordOf<E>,
  cursor: number,
): FeedChange {
  return { kind: 'change', cursor, entity, op: 'upsert', data } as FeedChange;
}

export function remove(entity: FeedEntity, id: string, cursor: number): FeedChange {
  return { kind: 'change', cursor, entity, op: 'delete', id };
}
