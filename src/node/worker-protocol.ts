/**
 * Messages between lintPaths (src/node/lint-files.ts) and its worker threads (./worker.ts).
 *
 *   main → worker   workerData: WorkerSetup;  then WorkerTask[] batches, and null when there are no more
 *   worker → main   ready | done (one packed outcome per task, its bytes transferred, in any
 *                   order; the main thread files each in its slot) | read (the files the worker read, for -o) | fatal (a baseline or
 *                   config that cannot be read: the run stops as on one thread)
 */
import type { ApprovalTable } from '../check/ops/targets.js';
import type { LoadOptions } from '../load/index.js';
import type { Lang } from '../types.js';
import type { Refused } from './files.js';
import type { PackedOutcome } from './result-store.js';
import type { ReadRecord } from './read.js';

export interface WorkerSetup {
  /** The config file given with -c (else the nearest one from `cwd`, as on the main thread). */
  config?: string;
  cwd: string;
  lang: Lang;
  load?: LoadOptions;
  maxFileBytes: number;
  /** Send the stack of an internal error (--debug). */
  debug?: boolean;
  /** Approved target tables read on the main thread (--targets, config targets:), plain data. */
  approvals?: readonly ApprovalTable[];
}

export interface WorkerTask {
  /** Index of the file in the run. */
  i: number;
  file: string;
  link?: Refused;
}

export interface WorkerError {
  kind: 'usage' | 'config' | 'internal';
  message: string;
  /** A config error's English line (--lang en). */
  en?: string;
  stack?: string;
}

export type FromWorker =
  | { kind: 'ready' }
  | { kind: 'done'; done: Array<{ i: number; outcome: PackedOutcome; internal?: { message: string; stack?: string } }> }
  | { kind: 'read'; records: ReadRecord[] }
  | { kind: 'fatal'; error: WorkerError };
