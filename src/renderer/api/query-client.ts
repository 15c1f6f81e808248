import { QueryClient } from '@tanstack/react-query';
import { ContractError } from '../../shared/contract';

/** Errors that will not go away by asking again: the renderer asked wrongly or may not ask. */
const PERMANENT_CODES: ReadonlySet<string> = new Set([
  'invalid_input',
  'not_found',
  'unknown_call',
  'forbidden',
]);

export function shouldRetry(failureCount: number, error: Error): boolean {
  if (error instanceof ContractError && PERMANENT_CODES.has(error.code)) return false;
  return failureCount < 2;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: shouldRetry,
        // Main pushes `data.changed`; refetching on focus would only add load on a local database.
        refetchOnWindowFocus: false,
        // Freshness comes from events; the stale time is a safety net for a missed event.
        staleTime: 60_000,
      },
    },
  });
}
