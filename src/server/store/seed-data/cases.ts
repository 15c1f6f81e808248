import type { NewCase } from '../../../shared/domain/case';
import { DISTRICTS } from '../../../shared/domain/districts';
import { ILLUSTRATIVE_OFFENCES } from '../../cases/offence-catalogue';
import { DEMO_TEAMS } from './people';
import type { Prng } from './prng';
import { DISTRICT_PLACES } from './streets';
import { VEHICLE_COLOURS, VEHICLE_MAKES, demoPlate } from './vehicles';

export interface PlannedCase {
  officerId: string;
  input: NewCase;
  disputed: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const HISTORY_DAYS = 80;
const DISPUTED_SHARE = 0.15;

/** The inner city and the dense Gründerzeit districts see far more parking offences. */
const DISTRICT_WEIGHTS: readonly (readonly [number, number])[] = DISTRICTS.map((district) => [
  district.id,
  district.id <= 5 ? 4 : district.id <= 9 || district.id === 12 || district.id === 13 ? 2 : 1,
]);

const OFFENCE_WEIGHTS: readonly (readonly [string, number])[] = ILLUSTRATIVE_OFFENCES.map(
  (offence, index) => [offence.code, index < 4 ? 5 : 1],
);

function observedAt(rng: Prng, now: Date, historyDays: number): string {
  const day = new Date(now.getTime() - rng.int(0, historyDays - 1) * DAY_MS);
  // Patrols run roughly 07:00–20:00 Munich time (UTC+1/+2).
  day.setUTCHours(rng.int(5, 18), rng.int(0, 59), 0, 0);
  const latest = now.getTime() - 5 * 60 * 1000;
  return new Date(Math.min(day.getTime(), latest)).toISOString();
}

function houseNumber(rng: Prng): string {
  const number = String(rng.int(1, 140));
  return rng.next() < 0.1 ? `${number}${rng.pick(['a', 'b'])}` : number;
}

export interface PlannerOptions {
  /** How many days back observed times reach; the demo keeps to the 3-month prosecution window. */
  historyDays?: number;
}

/**
 * Returns a function that plans one plausible case per call, drawing from `rng`. Patrols per
 * district are worked out once here, because bulk loads call the planner a million times.
 */
export function createCasePlanner(
  rng: Prng,
  officers: readonly { id: string; team_id: string | null }[],
  now: Date,
  options: PlannerOptions = {},
): () => PlannedCase {
  if (officers.length === 0) throw new Error('Cases need at least one officer');
  const historyDays = options.historyDays ?? HISTORY_DAYS;
  const patrols = new Map<number, readonly { id: string }[]>();
  for (const district of DISTRICTS) {
    const team = DEMO_TEAMS.find((candidate) => candidate.districts.includes(district.id));
    const patrol = officers.filter((officer) => officer.team_id === team?.id);
    patrols.set(district.id, patrol.length > 0 ? patrol : officers);
  }
  return () => {
    const district = rng.weighted(DISTRICT_WEIGHTS);
    const place = DISTRICT_PLACES[district];
    if (!place) throw new Error(`No demo streets for district ${district}`);
    const officer = rng.pick(patrols.get(district) ?? officers);
    return {
      officerId: officer.id,
      disputed: rng.next() < DISPUTED_SHARE,
      input: {
        id: rng.uuid(),
        plate: demoPlate(rng),
        vehicleMake: rng.weighted(VEHICLE_MAKES),
        vehicleColor: rng.weighted(VEHICLE_COLOURS),
        offenceCode: rng.weighted(OFFENCE_WEIGHTS),
        street: rng.pick(place.streets),
        houseNumber: houseNumber(rng),
        district,
        lat: Number((place.lat + (rng.next() - 0.5) * 0.012).toFixed(6)),
        lon: Number((place.lon + (rng.next() - 0.5) * 0.018).toFixed(6)),
        observedAt: observedAt(rng, now, historyDays),
      },
    };
  };
}

export function buildDemoCases(
  rng: Prng,
  officers: readonly { id: string; team_id: string | null }[],
  count: number,
  now: Date,
): PlannedCase[] {
  if (count === 0) return [];
  const plan = createCasePlanner(rng, officers, now);
  return Array.from({ length: count }, plan);
}
