import { randomUUID } from 'node:crypto';
import type { CaseRecord } from '../../src/shared/domain/case';

/** A valid case record for tests; override what the test is about. */
export function makeCase(overrides: Partial<CaseRecord> = {}): CaseRecord {
  const now = new Date('2026-11-20T09:30:00Z').toISOString();
  return {
    id: randomUUID(),
    fileNumber: 'VW-2026-0000001',
    plate: 'M-AB 1234',
    vehicleMake: 'Volkswagen',
    vehicleColor: 'Silber',
    offenceCode: '112402',
    offenceText: 'Sie parkten im absoluten Halteverbot.',
    fineCents: 2500,
    street: 'Leopoldstraße',
    houseNumber: '12',
    district: 4,
    lat: 48.16,
    lon: 11.58,
    observedAt: now,
    officerId: 'officer-1',
    status: 'disputed',
    version: 1,
    updatedAt: now,
    ...overrides,
  };
}
