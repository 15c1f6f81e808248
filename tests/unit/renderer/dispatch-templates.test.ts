import { describe, expect, it } from 'vitest';
import {
  parseTemplates,
  templateName,
  TEMPLATES_MAX,
  withTemplate,
  type DispatchTemplate,
} from '../../../src/renderer/features/dispatch/templates';

const template = (name: string, body = 'Bitte Zufahrten freihalten.'): DispatchTemplate => ({
  id: name,
  name,
  body,
  priority: 'urgent',
  ackRequested: true,
  remindAfterMinutes: 15,
});

describe('dispatch templates', () => {
  it('reads what was stored, dropping damaged entries rather than the list', () => {
    const good = template('Großveranstaltung');
    const raw = JSON.stringify([good, { id: 'x', name: '', body: 'leer' }, 42]);
    expect(parseTemplates(raw)).toEqual([good]);
    expect(parseTemplates('{kaputt')).toEqual([]);
    expect(parseTemplates(null)).toEqual([]);
    expect(parseTemplates('{"a":1}')).toEqual([]);
  });

  it('names a template after the first line, shortened', () => {
    expect(templateName('  Unwetter\nAlle Streifen zurück')).toBe('Unwetter');
    expect(templateName('x'.repeat(60))).toHaveLength(40);
    expect(templateName('x'.repeat(60)).endsWith('…')).toBe(true);
  });

  it('puts a saved template first, replaces one of the same name, and keeps at most the cap', () => {
    const list = [template('A'), template('B')];
    expect(withTemplate(list, template('B', 'neu')).map((t) => [t.name, t.body])).toEqual([
      ['B', 'neu'],
      ['A', 'Bitte Zufahrten freihalten.'],
    ]);
    const full = Array.from({ length: TEMPLATES_MAX }, (_, i) => template(`T${i}`));
    const next = withTemplate(full, template('neu'));
    expect(next).toHaveLength(TEMPLATES_MAX);
    expect(next[0]?.name).toBe('neu');
  });
});
