import type { TFunction } from 'i18next';
import type { OutboxItem } from '../../../shared/contract/work-calls';

/** Refusal codes the server sends for work from a console, each with a text of its own. */
const KNOWN_CODES = [
  'not_decidable',
  'not_claimable',
  'amount_not_lower',
  'not_found',
  'case_not_found',
  'forbidden',
  'invalid_input',
  'id_conflict',
  'unknown_user',
  'unknown_team',
  'own_message',
] as const;
type KnownCode = (typeof KNOWN_CODES)[number];
const isKnownCode = (code: string): code is KnownCode =>
  (KNOWN_CODES as readonly string[]).includes(code);

/**
 * Why the server refused work or met a conflict, in the clerk's language. The server's own text
 * is English and technical, so a refusal reads by its code (an unknown one names the code) and a
 * conflict by what the server holds now.
 */
export function outboxReason(t: TFunction, item: OutboxItem): string {
  if (item.state === 'rejected') {
    const code = item.rejection?.code ?? '?';
    return isKnownCode(code)
      ? t(`casePane.outbox.code.${code}`)
      : t('casePane.outbox.code.other', { code });
  }
  const entity = item.conflict?.server.entity;
  return entity === 'claim' || entity === 'case'
    ? t(`casePane.outbox.conflictReason.${entity}`)
    : t('casePane.outbox.conflictReason.other');
}
