import type { CaseRecord } from '../../shared/domain/case';
import { fileNumberYear } from '../cases/file-number';
import type { PlannedCase } from '../store/seed-data/cases';

export interface CatalogueEntry {
  text: string;
  fineCents: number;
}

/** Older cases than this are past the 3-month prosecution window and settled. */
const SETTLED_AFTER_MS = 92 * 24 * 60 * 60 * 1000;

/** Mirrors `nextval('case_file_number_seq')` formatting in `createCase`. */
function fileNumber(year: string, sequence: number): string {
  return `VW-${year}-${String(sequence).padStart(7, '0')}`;
}

/**
 * Turns planned cases into the records the feed will carry, with the file numbers already drawn
 * for them. Key order follows `toCaseRecord`, so bulk rows look like any other feed row.
 */
export function buildRecords(
  planned: readonly PlannedCase[],
  sequences: readonly number[],
  catalogue: ReadonlyMap<string, CatalogueEntry>,
  now: Date,
): CaseRecord[] {
  const updatedAt = now.toISOString();
  // Intl formatting is slow next to everything else here; a batch spans a handful of years.
  const years = new Map<string, string>();
  return planned.map((plan, index) => {
    const input = plan.input;
    const offence = catalogue.get(input.offenceCode);
    if (!offence) throw new Error(`Offence ${input.offenceCode} is not in the catalogue`);
    const sequence = sequences[index];
    if (sequence === undefined) throw new Error('Fewer file numbers than cases');
    const day = input.observedAt.slice(0, 13);
    let year = years.get(day);
    if (year === undefined) {
      year = fileNumberYear(input.observedAt);
      years.set(day, year);
    }
    const settled = now.getTime() - Date.parse(input.observedAt) > SETTLED_AFTER_MS;
    const status = plan.disputed ? 'disputed' : settled ? 'closed' : 'open';
    return {
      id: input.id,
      fileNumber: fileNumber(year, sequence),
      plate: input.plate,
      vehicleMake: input.vehicleMake,
      vehicleColor: input.vehicleColor,
      offenceCode: input.offenceCode,
      offenceText: offence.text,
      fineCents: offence.fineCents,
      street: input.street,
      houseNumber: input.houseNumber,
      district: input.district,
      lat: input.lat,
      lon: input.lon,
      observedAt: input.observedAt,
      officerId: plan.officerId,
      status,
      // A case that changed status after recording has been written twice.
      version: status === 'open' ? 1 : 2,
      updatedAt,
    };
  });
}

/** One array per column, for a single `INSERT ... SELECT FROM unnest(...)` of the whole batch. */
export function caseColumns(records: readonly CaseRecord[]): unknown[] {
  const pick = <K extends keyof CaseRecord>(key: K): CaseRecord[K][] =>
    records.map((record) => record[key]);
  return [
    pick('id'),
    pick('fileNumber'),
    pick('plate'),
    pick('vehicleMake'),
    pick('vehicleColor'),
    pick('offenceCode'),
    pick('offenceText'),
    pick('fineCents'),
    pick('street'),
    pick('houseNumber'),
    pick('district'),
    pick('lat'),
    pick('lon'),
    pick('observedAt'),
    pick('officerId'),
    pick('status'),
    pick('version'),
    pick('updatedAt'),
  ];
}

/** Parameter order matches `caseColumns`; ids already present are skipped, as in `createCase`. */
export const INSERT_CASES_SQL = `
  INSERT INTO cases (id, file_number, plate, vehicle_make, vehicle_color, offence_code,
    offence_text, fine_cents, street, house_number, district, lat, lon, observed_at,
    officer_id, status, version, updated_at)
  SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
    $7::text[], $8::int[], $9::text[], $10::text[], $11::int[], $12::float8[], $13::float8[],
    $14::timestamptz[], $15::text[], $16::text[], $17::int[], $18::timestamptz[])
  ON CONFLICT (id) DO NOTHING
  RETURNING id`;
