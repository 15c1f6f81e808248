import { loginResponseSchema } from '../../../src/shared/sync/auth';
import { caseRecordSchema, type CaseRecord } from '../../../src/shared/domain/case';
import { demoLogin } from '../../../src/server';
import { ILLUSTRATIVE_OFFENCES } from '../../../src/server/cases/offence-catalogue';

/**
 * Records a case through the field API, as an officer's phone would; `daysAgo` dates the offence
 * back (no dispute, so its prosecution deadline runs from then).
 */
export async function createCaseAsOfficer(
  serverUrl: string,
  fields: { id: string; plate: string; daysAgo?: number },
): Promise<CaseRecord> {
  const login = await fetch(new URL('/auth/login', serverUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(demoLogin('officer')),
  });
  const { accessToken } = loginResponseSchema.parse(await login.json());
  const response = await fetch(new URL('/field/cases', serverUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({
      id: fields.id,
      plate: fields.plate,
      vehicleMake: 'Opel',
      vehicleColor: 'Blau',
      offenceCode: ILLUSTRATIVE_OFFENCES[0]?.code,
      street: 'Leopoldstraße',
      houseNumber: '40',
      district: 4,
      lat: 48.163,
      lon: 11.586,
      observedAt: new Date(Date.now() - (fields.daysAgo ?? 0) * 86_400_000).toISOString(),
    }),
  });
  if (!response.ok) throw new Error(`create case: ${response.status} ${await response.text()}`);
  return caseRecordSchema.parse(await response.json());
}
