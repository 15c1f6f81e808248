import { randomUUID } from 'node:crypto';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { OutboxItem } from '../../../src/shared/contract/work-calls';
import { outboxReason } from '../../../src/renderer/features/case-pane/outbox-reason';
import { de } from '../../../src/renderer/i18n/locales/de';
import { en } from '../../../src/renderer/i18n/locales/en';

const i18n = i18next.createInstance();
void i18n.init({
  resources: { de: { translation: de }, en: { translation: en } },
  lng: 'de',
  initAsync: false,
  interpolation: { escapeValue: false },
});

function item(overrides: Partial<OutboxItem>): OutboxItem {
  const caseId = randomUUID();
  const id = randomUUID();
  return {
    id,
    kind: 'claim',
    state: 'rejected',
    mutation: { id, kind: 'claim', caseId },
    caseId,
    conversationId: null,
    messageId: null,
    createdAt: '2026-11-20T09:00:00.000Z',
    updatedAt: '2026-11-20T09:00:00.000Z',
    attempts: 1,
    lastError: null,
    repeated: null,
    rejection: null,
    conflict: null,
    ...overrides,
  } as OutboxItem;
}

const refused = (code: string) =>
  item({ rejection: { code, reason: `Server says ${code} in English`, field: null } });

describe('why the server refused work, as the clerk reads it', () => {
  it.each([
    ['not_decidable', 'Der Vorgang wartet auf keine Entscheidung mehr.'],
    ['invalid_input', 'Der Server hat die Angaben nicht angenommen.'],
    ['unknown_user', 'Die Empfängerin oder der Empfänger ist dem Server nicht bekannt.'],
  ])('%s reads in German', (code, text) => {
    expect(outboxReason(i18n.t, refused(code))).toBe(text);
  });

  it('names an unknown code in German, never the server’s English text', () => {
    const reason = outboxReason(i18n.t, refused('quota_exceeded'));
    expect(reason).toBe('Der Server hat abgelehnt (Code quota_exceeded).');
    expect(reason).not.toContain('English');
  });

  it('says what a conflict is about by what the server holds now', () => {
    const conflict = (entity: 'claim' | 'case' | 'message') =>
      item({
        state: 'conflict',
        conflict: {
          reason: 'The case is being worked on by clerk-2',
          local: null,
          server: { entity, data: {} },
        },
      });
    expect(outboxReason(i18n.t, conflict('claim'))).toBe(
      'Jemand anderes bearbeitet den Vorgang gerade.',
    );
    expect(outboxReason(i18n.t, conflict('case'))).toBe('Der Vorgang wurde inzwischen geändert.');
    expect(outboxReason(i18n.t, conflict('message'))).toBe(
      'Der Stand auf dem Server hat sich inzwischen geändert.',
    );
  });

  it('reads in English when the clerk chose it', () => {
    const english = i18n.cloneInstance({ lng: 'en' });
    expect(outboxReason(english.t, refused('quota_exceeded'))).toBe(
      'The server refused (code quota_exceeded).',
    );
  });
});
