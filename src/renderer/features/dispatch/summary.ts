import type { TFunction } from 'i18next';
import type { DispatchCounts } from '../../../shared/contract';

/** The one figure a lead looks at: acknowledged when asked for, else read (or delivered). */
export function headlineOf(
  counts: DispatchCounts,
  ackRequested: boolean,
): { key: 'acknowledged' | 'read' | 'delivered' | 'noRecipients'; count: number; total: number } {
  const total = counts.recipients;
  if (total === 0) return { key: 'noRecipients', count: 0, total };
  if (ackRequested) return { key: 'acknowledged', count: counts.acknowledged, total };
  if (counts.read > 0) return { key: 'read', count: counts.read, total };
  return { key: 'delivered', count: counts.delivered, total };
}

/** "142 von 180 bestätigt". */
export function summaryLine(
  item: { counts: DispatchCounts; ackRequested: boolean },
  t: TFunction,
): string {
  const headline = headlineOf(item.counts, item.ackRequested);
  return headline.key === 'noRecipients'
    ? t('dispatch.summary.noRecipients')
    : t(`dispatch.summary.${headline.key}`, { count: headline.count, total: headline.total });
}
