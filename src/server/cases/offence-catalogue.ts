export interface Offence {
  code: string;
  text: string;
  fineCents: number;
  /** Invented for demos and tests; not the federal Tatbestandskatalog. */
  illustrative: boolean;
}

/**
 * A small, illustrative catalogue of parking offences. The codes are our own and the amounts are
 * merely plausible; the federal catalogue is deliberately not copied. Replace it with the
 * office's licensed catalogue in production.
 */
export const ILLUSTRATIVE_OFFENCES: readonly Offence[] = [
  { code: 'P101', text: 'Parken im eingeschränkten Halteverbot', fineCents: 2500 },
  { code: 'P102', text: 'Parken im absoluten Halteverbot', fineCents: 3500 },
  { code: 'P103', text: 'Parken ohne gültigen Parkschein', fineCents: 2000 },
  { code: 'P104', text: 'Überschreiten der zulässigen Höchstparkdauer', fineCents: 2000 },
  { code: 'P105', text: 'Parken auf dem Gehweg', fineCents: 5500 },
  { code: 'P106', text: 'Parken auf einem Radweg', fineCents: 5500 },
  { code: 'P107', text: 'Parken in zweiter Reihe', fineCents: 5500 },
  { code: 'P108', text: 'Parken vor einer Grundstücksein- oder -ausfahrt', fineCents: 3000 },
  {
    code: 'P109',
    text: 'Parken auf einem Schwerbehindertenparkplatz ohne Parkausweis',
    fineCents: 5500,
  },
  { code: 'P110', text: 'Parken in einer Feuerwehrzufahrt', fineCents: 6000 },
  {
    code: 'P111',
    text: 'Parken im Bereich einer Haltestelle (15 m vor und hinter dem Haltestellenschild)',
    fineCents: 4000,
  },
  {
    code: 'P112',
    text: 'Parken weniger als 5 m vor einer Kreuzung oder Einmündung',
    fineCents: 3500,
  },
  {
    code: 'P113',
    text: 'Parken auf einem Parkplatz für elektrisch betriebene Fahrzeuge ohne Ladevorgang',
    fineCents: 5500,
  },
].map((offence) => ({ ...offence, illustrative: true }));
