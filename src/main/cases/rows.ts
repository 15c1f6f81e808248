import type { CaseRecord } from '../../shared/domain/case';

/** A `cases` row as SQLite returns it. */
export interface CaseRow {
  id: string;
  file_number: string;
  plate: string;
  vehicle_make: string;
  vehicle_color: string;
  offence_code: string;
  offence_text: string;
  fine_cents: number;
  street: string;
  house_number: string;
  district: number;
  lat: number;
  lon: number;
  observed_at: string;
  officer_id: string;
  status: CaseRecord['status'];
  version: number;
  updated_at: string;
}

/** Stored in UTC so that text order is time order, whatever offset the server sent. */
export const utc = (iso: string): string => new Date(iso).toISOString();

export function caseToRow(c: CaseRecord): CaseRow {
  return {
    id: c.id,
    file_number: c.fileNumber,
    plate: c.plate,
    vehicle_make: c.vehicleMake,
    vehicle_color: c.vehicleColor,
    offence_code: c.offenceCode,
    offence_text: c.offenceText,
    fine_cents: c.fineCents,
    street: c.street,
    house_number: c.houseNumber,
    district: c.district,
    lat: c.lat,
    lon: c.lon,
    observed_at: utc(c.observedAt),
    officer_id: c.officerId,
    status: c.status,
    version: c.version,
    updated_at: utc(c.updatedAt),
  };
}
