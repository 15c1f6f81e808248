import type { PageReport, PullRequest } from './pull-loop';

/** What the pull worker is started with. */
export interface PullWorkerData {
  dbPath: string;
  nativeBinding?: string;
}

/** An error as it crosses the thread boundary: its class by name, and its message. */
export interface WorkerError {
  name: string;
  message: string;
}

export type ToWorker =
  | { type: 'pull'; id: number; request: PullRequest }
  | { type: 'abort'; id: number }
  | { type: 'close' };

export type FromWorker =
  | { type: 'page'; id: number; report: PageReport }
  | { type: 'done'; id: number }
  | { type: 'failed'; id: number; error: WorkerError }
  | { type: 'closed' };
