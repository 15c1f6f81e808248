import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Db } from '../db/connection';
import {
  FeedProtocolError,
  LoginRefusedError,
  OfflineError,
  UnauthorizedError,
} from './feed-client';
import { pullPages, type PageReport, type PullRequest } from './pull-loop';
import type { FromWorker, PullWorkerData, ToWorker, WorkerError } from './pull-protocol';

/** Runs pulls: one at a time, each until the feed has no more or it fails. */
export interface PullRunner {
  run(request: PullRequest, onPage: (report: PageReport) => void): Promise<void>;
  /** Stops the pull in flight, if any (pages applied so far stay); the runner stays usable. */
  cancel(): void;
  /** Stops a pull in flight (its last page stays applied) and releases the runner. */
  close(): Promise<void>;
}

/** On the calling thread: for an in-memory database, which no other thread can open. */
export class InThreadRunner implements PullRunner {
  private abort = new AbortController();
  private closed = false;

  constructor(private readonly db: Db) {}

  run(request: PullRequest, onPage: (report: PageReport) => void): Promise<void> {
    if (this.closed) return Promise.reject(new Error('Sync runner closed'));
    this.abort = new AbortController();
    return pullPages(this.db, request, onPage, this.abort.signal);
  }

  cancel(): void {
    this.abort.abort();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.abort.abort();
  }
}

const ERROR_CLASSES: Record<string, new (message: string) => Error> = {
  OfflineError,
  UnauthorizedError,
  FeedProtocolError,
  LoginRefusedError,
};

/** The worker's error as the class the engine tells apart (offline, unauthorized…). */
function revive(error: WorkerError): Error {
  const Class = ERROR_CLASSES[error.name];
  if (Class) return new Class(error.message);
  const revived = new Error(error.message);
  revived.name = error.name;
  return revived;
}

/**
 * A small young generation for the worker: it parses page after page of JSON, and the default
 * lets garbage pile up between scavenges. Measured with bench:sync (1,000,000 cases): peak RSS
 * of the console 263 MB with 8 MB (12,421 cases/s), 272 MB with 16 MB (13,064 cases/s); with
 * the default, 301–307 MB.
 */
const LIMITS = { maxYoungGenerationSizeMb: 16 };

/**
 * The worker's entry beside this module: built JavaScript in the app; TypeScript under tsx and
 * the tests, loaded through tsx's API, since a worker does not inherit the parent's loader.
 */
function startWorker(data: PullWorkerData): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) {
    return new Worker(new URL('./pull-worker.js', here), {
      workerData: data,
      resourceLimits: LIMITS,
    });
  }
  const entry = new URL('./pull-worker.ts', here).href;
  // The ESM build of tsx's API (require.resolve would give the CommonJS one, which cannot
  // import TypeScript modules from a worker).
  const require = createRequire(here);
  const tsxPackage = require.resolve('tsx/package.json');
  const { exports } = require(tsxPackage) as {
    exports: { './esm/api': { import: { default: string } } };
  };
  const tsxApi = new URL(exports['./esm/api'].import.default, pathToFileURL(tsxPackage)).href;
  const boot = `
    const { workerData } = require('node:worker_threads');
    import(workerData.tsxApi).then(({ tsImport }) => tsImport(workerData.entry, workerData.entry));`;
  return new Worker(boot, {
    eval: true,
    workerData: { ...data, tsxApi, entry },
    resourceLimits: LIMITS,
  });
}

interface Run {
  onPage(report: PageReport): void;
  resolve(): void;
  reject(error: Error): void;
}

/**
 * On a worker thread with its own connection: applying a page then never blocks the main
 * thread, which keeps answering the renderer during an initial sync of a million cases.
 */
export class WorkerRunner implements PullRunner {
  private worker: Worker | null = null;
  /** The pull in flight, by the id its messages carry. */
  private active: { id: number; run: Run } | null = null;
  private nextId = 1;
  private closing: Promise<void> | null = null;

  constructor(private readonly data: PullWorkerData) {}

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker(this.data);
    worker.on('message', (message: FromWorker) => this.receive(message));
    const gone = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.finish(null, error);
    };
    worker.on('error', (error) => gone(new Error(`Sync worker failed: ${error.message}`)));
    worker.on('exit', (code) => gone(new Error(`Sync worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private post(message: ToWorker): void {
    this.worker?.postMessage(message);
  }

  private receive(message: FromWorker): void {
    if (message.type === 'closed') return;
    if (!this.active || this.active.id !== message.id) return;
    if (message.type === 'page') this.active.run.onPage(message.report);
    else if (message.type === 'done') this.finish(message.id, null);
    else this.finish(message.id, revive(message.error));
  }

  private finish(id: number | null, error: Error | null): void {
    const current = this.active;
    if (!current || (id !== null && current.id !== id)) return;
    this.active = null;
    if (error) current.run.reject(error);
    else current.run.resolve();
  }

  run(request: PullRequest, onPage: (report: PageReport) => void): Promise<void> {
    if (this.closing) return Promise.reject(new Error('Sync worker closed'));
    if (this.active) return Promise.reject(new Error('A pull is already running'));
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.active = { id, run: { onPage, resolve, reject } };
      worker.postMessage({ type: 'pull', id, request } satisfies ToWorker);
    });
  }

  cancel(): void {
    if (this.active) this.post({ type: 'abort', id: this.active.id });
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    if (this.active) this.post({ type: 'abort', id: this.active.id });
    // The worker closes its connection itself; a worker stuck past the grace time is ended.
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    this.post({ type: 'close' });
    const timer = setTimeout(() => void worker.terminate(), 5_000);
    await exited;
    clearTimeout(timer);
    this.worker = null;
    this.finish(null, new Error('Sync worker closed'));
  }
}

/** A worker for a database file, the calling thread for an in-memory one. */
export function createPullRunner(db: Db, options: { nativeBinding?: string } = {}): PullRunner {
  if (db.memory) return new InThreadRunner(db);
  return new WorkerRunner({
    dbPath: db.name,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
}
