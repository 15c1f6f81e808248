import { Badge, type BadgeProps } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { CaseStatus } from '../../../shared/domain/case';

/**
 * Disputes stand out (they are the clerk's work); a case waiting for the officer's statement is
 * marked but calmer; cases that left the office's hands recede.
 */
const BADGE_COLOR: Record<CaseStatus, NonNullable<BadgeProps['color']>> = {
  open: 'brand',
  disputed: 'warning',
  awaiting_statement: 'informative',
  decided: 'success',
  withdrawn: 'subtle',
  forwarded: 'subtle',
  closed: 'subtle',
};

export function StatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return (
    <Badge appearance="tint" shape="rounded" color={BADGE_COLOR[status]} data-status={status}>
      {t(`cases.status.${status}`)}
    </Badge>
  );
}
