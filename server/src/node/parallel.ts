/**
 * Parsing many specs on several threads, synchronously for the caller (the CLI stays a plain function).
 *
 * The main thread starts workers on this same module, then parses alongside them: every participant
 * claims the next file from a shared counter (`Atomics.add`), so slow files do not leave a thread idle.
 * Workers post each model on their own port; the main thread blocks on a shared "done" counter
 * (`Atomics.wait`) and drains the ports with `receiveMessageOnPort`. Models are plain data, so they
 * cross threads by structured clone. Remark reads about 0.5 MB/s, so on a repository of specs the parse
 * is nearly all the time a check takes (BENCHMARKS.md, CLI).
 */
import * as os from 'node:os';
import { MessageChannel, Worker, isMainThread, parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { parseSpec } from '../core/parse.js';
import type { SpecModel } from '../core/model.js';
import { readUtf8, ReadError } from './files.js';

const KIND = 'service-spec-parse';

interface Job {
  kind: typeof KIND;
  files: string[];
  /** [next file index, workers finished] */
  shared: SharedArrayBuffer;
  port: MessagePort;
}

type Parsed = { index: number; model: SpecModel } | { index: number; error: string };

/** Below these, threads cost more to start (~100 ms each) than they save. */
export const PARALLEL_MIN_FILES = 8;
export const PARALLEL_MIN_BYTES = 256 * 1024;

/** Threads to use: `SERVICE_SPEC_THREADS` or `--threads` win; otherwise one per core, at most 8. */
export function defaultThreads(): number {
  const env = Number(process.env.SERVICE_SPEC_THREADS);
  if (Number.isInteger(env) && env >= 1) return env;
  return Math.max(1, Math.min(8, os.availableParallelism?.() ?? os.cpus().length));
}

function parseOne(file: string): SpecModel | ReadError {
  try {
    return parseSpec(readUtf8(file), { whole: true });
  } catch (e) {
    return e instanceof ReadError ? e : new ReadError(file, `cannot read ${file}: ${(e as Error).message}`);
  }
}

/** A worker's message for file `index` (a ReadError does not survive structured clone: its message does). */
function toMessage(index: number, file: string): Parsed {
  const r = parseOne(file);
  return r instanceof ReadError ? { index, error: r.message } : { index, model: r };
}

function fromMessage(m: Parsed, file: string): SpecModel | ReadError {
  return 'model' in m ? m.model : new ReadError(file, m.error);
}

/**
 * Parses `files` (absolute paths) with up to `threads` threads, the caller's included. Returns a model
 * or a read error per file, in order. With one thread, or where workers cannot start, parses in turn.
 */
export function parseFiles(files: string[], threads = defaultThreads(), workerUrl: URL = moduleUrl()): (SpecModel | ReadError)[] {
  const workers = Math.min(threads - 1, files.length - 1);
  if (workers < 1) return files.map(parseOne);
  const shared = new SharedArrayBuffer(8);
  const counters = new Int32Array(shared);
  const results: (SpecModel | ReadError | undefined)[] = new Array(files.length);
  const ports: MessagePort[] = [];
  const started: Worker[] = [];
  for (let i = 0; i < workers; i++) {
    const { port1, port2 } = new MessageChannel();
    try {
      const job: Job = { kind: KIND, files, shared, port: port2 };
      started.push(new Worker(workerUrl, { workerData: job, transferList: [port2], resourceLimits: { maxYoungGenerationSizeMb: 64 } }));
      ports.push(port1);
    } catch {
      port1.close();
      Atomics.add(counters, 1, 1); // counts as finished
    }
  }
  const take = (m: Parsed) => {
    results[m.index] = fromMessage(m, files[m.index]!);
  };
  // Parse alongside the workers.
  for (let i = Atomics.add(counters, 0, 1); i < files.length; i = Atomics.add(counters, 0, 1)) results[i] = parseOne(files[i]!);
  // Wait for every worker to finish its last file, draining as we go so no queue grows unbounded. A
  // worker that dies without a word (out of memory) is given up on after a minute without progress.
  let lastProgress = Date.now();
  for (;;) {
    for (const p of ports) {
      for (let m = receiveMessageOnPort(p); m; m = receiveMessageOnPort(p)) {
        take(m.message as Parsed);
        lastProgress = Date.now();
      }
    }
    const finished = Atomics.load(counters, 1);
    if (finished >= workers || Date.now() - lastProgress > 60_000) break;
    Atomics.wait(counters, 1, finished, 50);
  }
  for (const p of ports) {
    for (let m = receiveMessageOnPort(p); m; m = receiveMessageOnPort(p)) take(m.message as Parsed);
    p.close();
  }
  for (const w of started) void w.terminate();
  // A worker that died mid-file leaves a hole: parse it here.
  return results.map((r, i) => r ?? parseOne(files[i]!));
}

function moduleUrl(): URL {
  return new URL(import.meta.url);
}

const BACKGROUND = 'service-spec-parse-background';

/**
 * Parses `files` on a worker thread without blocking this one (the language server's workspace index):
 * `onResult` gets each model as it arrives, `onDone` once when the worker has exited. Returns false when no
 * worker can start here; the caller then parses in small steps itself.
 */
export function parseInBackground(
  files: string[],
  onResult: (file: string, model: SpecModel | ReadError) => void,
  onDone: () => void,
  workerUrl: URL = moduleUrl(),
): boolean {
  let worker: Worker;
  try {
    worker = new Worker(workerUrl, { workerData: { kind: BACKGROUND, files } });
  } catch {
    return false;
  }
  worker.on('message', (m: Parsed) => onResult(files[m.index]!, fromMessage(m, files[m.index]!)));
  worker.on('error', () => undefined); // the files it did not reach are read when opened or checked
  worker.on('exit', onDone);
  worker.unref();
  return true;
}

// --- worker side ---------------------------------------------------------------------------------
if (!isMainThread && (workerData as { kind?: string } | undefined)?.kind === BACKGROUND) {
  const { files } = workerData as { files: string[] };
  for (const [index, file] of files.entries()) parentPort!.postMessage(toMessage(index, file));
}

if (!isMainThread && (workerData as Job | undefined)?.kind === KIND) {
  const job = workerData as Job;
  const counters = new Int32Array(job.shared);
  try {
    for (let i = Atomics.add(counters, 0, 1); i < job.files.length; i = Atomics.add(counters, 0, 1)) {
      job.port.postMessage(toMessage(i, job.files[i]!));
    }
  } finally {
    Atomics.add(counters, 1, 1);
    Atomics.notify(counters, 1);
    job.port.close();
  }
}
