const berlinYear = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Berlin', year: 'numeric' });

/** The Aktenzeichen year: the year in Munich when the offence was observed. */
export function fileNumberYear(observedAt: string | Date): string {
  return berlinYear.format(new Date(observedAt));
}
