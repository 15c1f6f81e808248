import type { Prng } from './prng';

export const VEHICLE_MAKES: readonly (readonly [string, number])[] = [
  ['VW', 20],
  ['BMW', 16],
  ['Mercedes-Benz', 13],
  ['Audi', 10],
  ['Opel', 6],
  ['Škoda', 6],
  ['Ford', 5],
  ['Seat', 4],
  ['Mini', 4],
  ['Toyota', 4],
  ['Renault', 3],
  ['Hyundai', 3],
  ['Fiat', 2],
  ['Tesla', 2],
  ['Porsche', 1],
];

export const VEHICLE_COLOURS: readonly (readonly [string, number])[] = [
  ['schwarz', 22],
  ['grau', 20],
  ['weiß', 18],
  ['silber', 14],
  ['blau', 10],
  ['rot', 6],
  ['grün', 3],
  ['braun', 3],
  ['beige', 2],
  ['gelb', 1],
];

/** Munich's own plates dominate; the rest come from the surrounding Landkreise. */
const PLATE_AREAS: readonly (readonly [string, number])[] = [
  ['M', 75],
  ['FS', 6],
  ['DAH', 7],
  ['STA', 6],
  ['EBE', 6],
];

// Plates never carry umlauts; Q is so rare that it would look odd in demo data.
const PLATE_LETTERS = 'ABCDEFGHIJKLMNOPRSTUVWXYZ';

export function demoPlate(rng: Prng): string {
  const area = rng.weighted(PLATE_AREAS);
  const letterCount = rng.int(1, 2);
  const letters = Array.from({ length: letterCount }, () => rng.pick([...PLATE_LETTERS])).join('');
  const digits = rng.int(1, 9999);
  return `${area}-${letters} ${digits}`;
}
