import type { CaseRecord } from '../../shared/domain/case';

export const CASE_COLUMNS = `id, file_number, plate, vehicle_make, vehicle_color, offence_code,
  offence_text, fine_cents, street, house_number, district, lat, lon, observed_at, officer_id,
  status, version, updated_at`;

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
  observed_at: Date;
  officer_id: string;
  status: CaseRecord['status'];
  version: number;
  updated_at: Date;
}

export function toCaseRecord(row: CaseRow): CaseRecord {
  return {
    id: row.id,
    fileNumber: row.file_number,
    plate: row.plate,
    vehicleMake: row.vehicle_make,
    vehicleColor: row.vehicle_color,
    offenceCode: row.offence_code,
    offenceText: row.offence_text,
    fineCents: row.fine_cents,
    street: row.street,
    houseNumber: row.house_number,
    district: row.district,
    lat: row.lat,
    lon: row.lon,
    observedAt: new Date(row.observed_at).toISOString(),
    officerId: row.officer_id,
    status: row.status,
    version: row.version,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
