import { loginResponseSchema } from '../../../src/shared/sync/auth';
import { caseRecordSchema, type CaseRecord } from '../../../src/shared/domain/case';
import { demoLogin } from '../../../src/server';
import { ILLUSTRATIVE_OFFENCES } from '../../../src/server/cases/offence-catalogue';
import { runSimulation } from '../../../src/server/sim/simulation';

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

/** The field simulator on shift for an end-to-end test: officers who read, answer, acknowledge. */
export interface FieldShift {
  /** Resolves once the officers read the feed: their reading starts at the head of that moment. */
  onShift: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts `officers` simulated officers (officer-01 onwards) at 600× speed, reading their feeds
 * every half second; no disputes of their own, so the queue stays as the test made it.
 */
export function startFieldShift(
  serverUrl: string,
  options: { officers: number; seed: number; statementPhotoShare?: number },
): FieldShift {
  const stop = new AbortController();
  let onShift: () => void = () => undefined;
  const shift = new Promise<void>((resolve) => {
    onShift = resolve;
  });
  const running = runSimulation({
    server: serverUrl,
    officers: options.officers,
    speed: 600,
    seed: options.seed,
    pollSeconds: 0.5,
    disputeShare: 0,
    ...(options.statementPhotoShare === undefined
      ? {}
      : { statementPhotoShare: options.statementPhotoShare }),
    signal: stop.signal,
    log: (line) => {
      if (line.includes('officers read their feeds')) onShift();
    },
  });
  return {
    onShift: shift,
    async stop() {
      stop.abort();
      await running.catch(() => undefined);
    },
  };
}
