import { describe, expect, it } from 'vitest';
import { formatCalendarDate, formatDate } from '../../../src/renderer/features/cases/date-format';

describe('queue dates', () => {
  it('shows the office (Berlin) date of an instant, numeric in both languages', () => {
    // 23:30 UTC on 31 Dec is already New Year in Berlin.
    expect(formatDate('2026-12-31T23:30:00Z', 'de')).toBe('01.01.2027');
    expect(formatDate('2026-12-31T23:30:00Z', 'en')).toBe('01/01/2027');
  });

  it('shows a deadline date as it is, whatever the time zone', () => {
    expect(formatCalendarDate('2027-02-28', 'de')).toBe('28.02.2027');
    expect(formatCalendarDate('2027-02-28', 'en')).toBe('28/02/2027');
  });

  it('shows a dash for what cannot be read', () => {
    expect(formatDate('not a date', 'de')).toBe('–');
    expect(formatCalendarDate('2027-13-45', 'de')).toBe('–');
  });
});
