import { QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
import { connectKvueEvents } from './kvue-events';
import { kvue } from './kvue';
import { createQueryClient } from './query-client';

/** Provides the query cache and keeps it in step with main's events for the app's lifetime. */
export function KvueQueryProvider({ children }: { children: ReactNode }) {
  const [client] = useState(createQueryClient);
  useEffect(() => connectKvueEvents(kvue, client), [client]);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
