import type { TFunction } from 'i18next';
import type { TimelineEntry } from '../../../shared/contract';
import { CASE_STATUSES, type CaseStatus } from '../../../shared/domain/case';
import { DUE_SOON_DAYS } from '../../../shared/domain/deadline';
import {
  DECISION_KINDS,
  DECISION_REASONS,
  type DecisionKind,
  type DecisionReason,
} from '../../../shared/domain/decision';
import { DISPUTE_CHANNELS, type DisputeChannel } from '../../../shared/domain/dispute';
import type { Language } from '../../i18n/languages';

/** How urgent the prosecution deadline looks: lapsed, fewer than 14 days left, or calm. */
export type DeadlineTone = 'lapsed' | 'urgent' | 'calm';

export function deadlineTone(daysLeft: number): DeadlineTone {
  if (daysLeft < 0) return 'lapsed';
  return daysLeft < DUE_SOON_DAYS ? 'urgent' : 'calm';
}

const MONTHS_EN = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

/**
 * A Berlin calendar date ('YYYY-MM-DD') as written in the office: `14.02.2027`, or
 * `14 Feb 2027` in English. Built from the parts, not through Date, so no time zone can shift it.
 */
export function formatCalendarDate(date: string, language: Language): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  const [, y, m, d] = match as unknown as [string, string, string, string];
  if (language === 'de') return `${d}.${m}.${y}`;
  return `${Number(d)} ${MONTHS_EN[Number(m) - 1] ?? m} ${y}`;
}

const isKind = (s: string): s is DecisionKind => (DECISION_KINDS as readonly string[]).includes(s);
const isReason = (s: string): s is DecisionReason =>
  (DECISION_REASONS as readonly string[]).includes(s);
const isStatus = (s: string): s is CaseStatus => (CASE_STATUSES as readonly string[]).includes(s);
const isChannel = (s: string): s is DisputeChannel =>
  (DISPUTE_CHANNELS as readonly string[]).includes(s);

/**
 * The entry's detail in the clerk's words. Decisions arrive as `withdraw` or
 * `withdraw (sign_faulty)`, status changes as the status, a dispute as its channel; anything else
 * (a message) is shown as is.
 */
export function timelineDetail(entry: TimelineEntry, t: TFunction): string | null {
  const detail = entry.detail;
  if (detail === null) return null;
  if (entry.kind === 'decided') {
    const match = /^([a-z_]+)(?: \(([a-z_]+)\))?$/.exec(detail);
    const kind = match?.[1];
    const reason = match?.[2];
    if (kind && isKind(kind)) {
      const done = t(`decision.done.${kind}`);
      return reason && isReason(reason) ? `${done} (${t(`decision.reason.${reason}`)})` : done;
    }
  }
  if (entry.kind === 'status_changed' && isStatus(detail)) return t(`cases.status.${detail}`);
  if (entry.kind === 'disputed' && isChannel(detail)) {
    return t(`casePane.statements.channel.${detail}`);
  }
  return detail;
}
