/**
 * A worker thread of a batch run (src/node/lint-files.ts): builds the same Linter and settings as
 * the main thread (the same config file, bundle and ruleDirs), then lints the batches of files it
 * is sent and posts back each file's results packed (UTF-8 JSON bytes, transferred: they share
 * nothing with the file's text, and the main thread keeps them off its heap). A baseline or config that cannot be read stops the run, as on one thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ConfigError } from '../config/config.js';
import { RuleError } from '../check/rules.js';
import { Baselines } from './baseline.js';
import { loadConfig } from './config.js';
import { UsageError } from './files.js';
import { lintFile, pack, type FileContext } from './lint-files.js';
import { ReadError, ReadLog } from './read.js';
import type { FromWorker, WorkerError, WorkerSetup, WorkerTask } from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('worker.ts runs as a worker thread');
const setup = workerData as WorkerSetup;
const post = (m: FromWorker) => port.postMessage(m);

function errorOf(e: unknown): WorkerError {
  if (e instanceof ConfigError) return { kind: 'config', message: e.message, en: e.en };
  if (e instanceof UsageError || e instanceof RuleError || e instanceof ReadError) return { kind: 'usage', message: e.message, ...(e instanceof UsageError ? { en: e.en } : {}) };
  return { kind: 'internal', message: e instanceof Error ? e.message : String(e), ...(e instanceof Error && e.stack ? { stack: e.stack } : {}) };
}

try {
  ReadLog.begin();
  const { linter, settingsFor, layouts } = loadConfig(setup.config, setup.cwd, setup.lang);
  const internal = new Map<string, { message: string; stack?: string }>();
  const ctx: FileContext = {
    linter,
    lang: setup.lang,
    settingsFor,
    // the worker compiles the config's layouts itself (the main thread sends none: see lint-files.ts)
    ...(setup.load || layouts ? { load: { ...setup.load, ...(layouts ? { layouts } : {}) } } : {}),
    maxFileBytes: setup.maxFileBytes,
    baselines: new Baselines(),
    // packing (JSON) copies the results out of the file's text
    detach: false,
    ...(setup.approvals?.length ? { approvals: setup.approvals } : {}),
    onInternalError: (file, e) => {
      internal.set(file, { message: e instanceof Error ? e.message : String(e), ...(setup.debug && e instanceof Error && e.stack ? { stack: e.stack } : {}) });
    },
  };
  // Batches are linted one after the other, in the order sent (the main thread keeps two in
  // flight); the end (null) is answered only after every batch before it.
  const queue: Array<WorkerTask[] | null> = [];
  let busy = false;
  const drain = async () => {
    busy = true;
    try {
      for (let batch = queue.shift(); batch !== undefined; batch = queue.shift()) {
        if (batch === null) {
          post({ kind: 'read', records: ReadLog.current.records });
          continue;
        }
        const done: Extract<FromWorker, { kind: 'done' }>['done'] = [];
        // the files of a batch in progress at once (the workbook, Word and web-page readers wait on promises)
        await Promise.all(
          batch.map(async (t) => {
            const outcome = pack(await lintFile(t.file, t.link, ctx));
            const failure = internal.get(t.file);
            internal.delete(t.file);
            done.push({ i: t.i, outcome, ...(failure ? { internal: failure } : {}) });
          }),
        );
        // the bytes are moved to the main thread, not copied
        port.postMessage({ kind: 'done', done } satisfies FromWorker, done.map((d) => d.outcome.bytes.buffer as ArrayBuffer));
      }
    } catch (e) {
      post({ kind: 'fatal', error: errorOf(e) });
    } finally {
      busy = false;
    }
  };
  port.on('message', (batch: WorkerTask[] | null) => {
    queue.push(batch);
    if (!busy) void drain();
  });
  post({ kind: 'ready' });
} catch (e) {
  post({ kind: 'fatal', error: errorOf(e) });
}
