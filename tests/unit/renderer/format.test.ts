import { describe, expect, it } from 'vitest';
import {
  formatAmount,
  formatCount,
  formatDateTime,
  formatDistrict,
  formatDistrictLong,
  formatStamp,
  formatStreet,
  isoToOfficeLocal,
  NO_VALUE,
  officeLocalToIso,
} from '../../../src/renderer/i18n/format';

const NBSP = '\u00a0';

describe('formatDateTime', () => {
  it('formats German as dd.MM.yyyy HH:mm in Munich time (CET, winter)', () => {
    expect(formatDateTime('2026-11-20T09:30:00Z', 'de')).toBe('20.11.2026 10:30');
  });

  it('applies summer time (CEST) and pads single digits', () => {
    expect(formatDateTime('2026-07-01T22:05:00Z', 'de')).toBe('02.07.2026 00:05');
  });

  it('uses 00 for midnight, never 24', () => {
    expect(formatDateTime('2026-01-31T23:00:00Z', 'de')).toBe('01.02.2026 00:00');
  });

  it('honours an explicit offset in the input', () => {
    expect(formatDateTime('2026-11-20T10:30:00+01:00', 'de')).toBe('20.11.2026 10:30');
  });

  it('formats English with a month name, 24-hour clock, still in Munich time', () => {
    expect(formatDateTime('2026-11-20T09:30:00Z', 'en')).toBe('20 Nov 2026, 10:30');
  });

  it('shows a dash for missing or unparsable values', () => {
    expect(formatDateTime(null, 'de')).toBe(NO_VALUE);
    expect(formatDateTime('', 'de')).toBe(NO_VALUE);
    expect(formatDateTime('not a date', 'de')).toBe(NO_VALUE);
  });
});

describe('formatAmount', () => {
  it('formats cents the German way', () => {
    expect(formatAmount(2500, 'de')).toBe(`25,00${NBSP}€`);
    expect(formatAmount(5, 'de')).toBe(`0,05${NBSP}€`);
    expect(formatAmount(123456, 'de')).toBe(`1.234,56${NBSP}€`);
  });

  it('keeps cents exact for awkward binary fractions', () => {
    expect(formatAmount(2999, 'de')).toBe(`29,99${NBSP}€`);
    expect(formatAmount(1015, 'de')).toBe(`10,15${NBSP}€`);
  });

  it('formats English with the euro sign first', () => {
    expect(formatAmount(2500, 'en')).toBe('€25.00');
  });
});

describe('formatCount', () => {
  it('groups thousands per language', () => {
    expect(formatCount(1_000_000, 'de')).toBe('1.000.000');
    expect(formatCount(1_000_000, 'en')).toBe('1,000,000');
    expect(formatCount(412, 'de')).toBe('412');
  });
});

describe('district names', () => {
  it('names a Stadtbezirk by its German name in both languages', () => {
    expect(formatDistrict(4, 'de')).toBe('Schwabing-West');
    expect(formatDistrict(4, 'en')).toBe('Schwabing-West');
  });

  it('gives the official long form for tooltips', () => {
    expect(formatDistrictLong(1, 'de')).toBe('Stadtbezirk 1 – Altstadt-Lehel');
    expect(formatDistrictLong(1, 'en')).toBe('District 1 – Altstadt-Lehel');
  });

  it('shows an unknown number rather than hiding it', () => {
    expect(formatDistrict(26, 'de')).toBe('Bezirk 26');
    expect(formatDistrict(26, 'en')).toBe('District 26');
    expect(formatDistrictLong(26, 'de')).toBe('Stadtbezirk 26');
  });
});

describe('formatStreet', () => {
  it('joins street and house number, without a trailing space when there is none', () => {
    expect(formatStreet('Leopoldstraße', '12')).toBe('Leopoldstraße 12');
    expect(formatStreet('Marienplatz', '')).toBe('Marienplatz');
    expect(formatStreet('Marienplatz', ' ')).toBe('Marienplatz');
  });
});

describe('formatStamp', () => {
  const now = new Date('2026-11-27T15:00:00Z');

  it('shows the time of day for a message of today (office time zone)', () => {
    expect(formatStamp('2026-11-27T08:05:00Z', 'de', now)).toBe('09:05');
  });

  it('shows the date for an older message, also one from late yesterday evening', () => {
    expect(formatStamp('2026-11-26T22:59:00Z', 'de', now)).toBe('26.11.2026');
    expect(formatStamp('2026-11-26T22:59:00Z', 'en', now)).toBe('26/11/2026');
  });

  it('counts a message just after midnight Berlin time as today', () => {
    expect(formatStamp('2026-11-26T23:01:00Z', 'de', now)).toBe('00:01');
  });

  it('shows the placeholder for a missing or broken time', () => {
    expect(formatStamp(null, 'de', now)).toBe(NO_VALUE);
    expect(formatStamp('gestern', 'de', now)).toBe(NO_VALUE);
  });
});

describe('officeLocalToIso', () => {
  it('reads a typed time as Munich time, in winter and in summer', () => {
    expect(officeLocalToIso('2026-12-01T07:30')).toBe('2026-12-01T06:30:00.000Z');
    expect(officeLocalToIso('2026-07-01T07:30')).toBe('2026-07-01T05:30:00.000Z');
  });

  it('handles the nights the clocks change', () => {
    // 29 March 2026: 02:00 becomes 03:00; 25 October 2026: 03:00 becomes 02:00.
    expect(officeLocalToIso('2026-03-29T01:30')).toBe('2026-03-29T00:30:00.000Z');
    expect(officeLocalToIso('2026-03-29T03:30')).toBe('2026-03-29T01:30:00.000Z');
    expect(officeLocalToIso('2026-10-25T04:00')).toBe('2026-10-25T03:00:00.000Z');
  });

  it('refuses what is not a date and time', () => {
    expect(officeLocalToIso('')).toBeNull();
    expect(officeLocalToIso('morgen früh')).toBeNull();
    expect(officeLocalToIso('2026-12-01')).toBeNull();
  });

  it('goes back to the typed form', () => {
    expect(isoToOfficeLocal('2026-12-01T06:30:00.000Z')).toBe('2026-12-01T07:30');
    expect(isoToOfficeLocal('2026-07-01T05:30:00.000Z')).toBe('2026-07-01T07:30');
  });
});
