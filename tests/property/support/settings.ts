import type fc from 'fast-check';

/**
 * The base seed of every property. Fixed so a failure seen once is seen again on the next run
 * (and in CI); set KVUE_PROPERTY_SEED to explore other inputs. fast-check prints the seed and
 * the counterexample's path of any failure, which `fc.assert(…, { seed, path })` replays.
 */
export const BASE_SEED = Number(process.env['KVUE_PROPERTY_SEED'] ?? 0x4b565545);

/**
 * Runs per property: per contract call, random and near-valid input get this many each; per
 * server route and database, random input with a token this many, without one half as many, a
 * broken documented body this many. Each run is a real call on a live app or server; at 40 the
 * suite takes under a minute on two cores. Raise with KVUE_PROPERTY_RUNS for a longer hunt.
 */
export const RUNS = Number(process.env['KVUE_PROPERTY_RUNS'] ?? 40);

/** A seed per property, so adding one call or route does not change the inputs of the others. */
export function seedFor(name: string): number {
  let hash = BASE_SEED | 0;
  for (const char of name) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
}

/** The parameters every property of this suite runs with. */
export function params<T>(name: string, numRuns = RUNS): fc.Parameters<T> {
  return { numRuns, seed: seedFor(name), verbose: 1 };
}
