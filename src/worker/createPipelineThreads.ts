// PIPELINE_THREADS: the pure pipeline on worker threads, the Kafka client on the main thread.
// A partition belongs to one thread (partition mod threads), and the consumer hands over one batch
// of a partition at a time, so per-partition order is what it is inline. A batch crosses each way
// as frames in one transferred ArrayBuffer (pipeline/recordFrames.ts). The main thread resolves
// the writer schemas (registry prefetch, as inline) and sends each thread the ones it lacks; it
// also forwards every campaign table change, in order, before the batches that follow it.
// A thread that dies fails its batches as unexpected errors (retried with backoff, surfaced), and
// the next batch starts a new one.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type avro from 'avsc';
import type { Logger } from 'pino';
import { RetriableError } from '../errors.js';
import type { CampaignReference } from '../model/types.js';
import { collectSchemaIds } from '../pipeline/collectSchemaIds.js';
import { createFrameWriter, readOutputFrames } from '../pipeline/recordFrames.js';
import type { InputRecord } from '../pipeline/types.js';
import type { FromPipelineThread, PipelineThreadData, ProcessSettings, ToPipelineThread } from './pipelineThreadProtocol.js';
import type { ProcessedRecords } from './processRecords.js';

export interface PipelineThreadsDeps {
  threads: number;
  settings: ProcessSettings;
  /** The main thread's registry cache (prefetched for the batch): undefined = not found; throws when not prefetched. */
  writerTypeFor(schemaId: number): avro.Type | undefined;
  /** The campaign table now: a thread started later gets it whole, then the changes. */
  campaigns(): Iterable<[string, CampaignReference]>;
  logger: Logger;
  /** Threads running, each time one starts or exits. */
  onThreadCount?: (running: number) => void;
  /** Starts one thread (tests wrap it to stop a thread from outside). */
  startThread?: (data: PipelineThreadData) => Worker;
}

export interface PipelineThreads {
  processRecords(records: readonly InputRecord[], now: number): Promise<ProcessedRecords>;
  campaignChanged(id: string, campaign: CampaignReference | null): void;
  close(): Promise<void>;
}

/** A thread's batch that failed with an error that is not an outage, or a thread that died. */
export class PipelineThreadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PipelineThreadError';
  }
}

interface Pending {
  resolve(result: ProcessedRecords): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
  /** Writer schemas this thread holds (found ones only: a not-found answer expires). */
  schemas: Set<number>;
}

/**
 * How to start the thread's module: the compiled .js next to this file, or, when this file runs
 * from source (tests, `node --import tsx`), the .ts through tsx, which a worker thread does not
 * inherit from its parent's --import on Node 20.
 */
export function startPipelineThread(data: PipelineThreadData): Worker {
  if (import.meta.url.endsWith('.ts')) {
    // tsx's ES module API (its CommonJS build cannot load its own ESM part from an eval'd thread).
    const tsxPackage = createRequire(import.meta.url).resolve('tsx/package.json');
    const tsx = pathToFileURL(join(dirname(tsxPackage), 'dist/esm/api/index.mjs')).href;
    const entry = new URL('./pipelineThread.ts', import.meta.url).href;
    const code = `import(${JSON.stringify(tsx)}).then((api) => api.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(import.meta.url)}))`;
    return new Worker(code, { eval: true, workerData: data });
  }
  return new Worker(new URL('./pipelineThread.js', import.meta.url), { workerData: data });
}

function threadError(error: { name: string; message: string; retriable: boolean }): Error {
  const text = `pipeline thread: ${error.name}: ${error.message}`;
  return error.retriable ? new RetriableError(text) : new PipelineThreadError(text);
}

export function createPipelineThreads(deps: PipelineThreadsDeps): PipelineThreads {
  if (!Number.isInteger(deps.threads) || deps.threads < 1) throw new RangeError(`pipeline threads must be an integer >= 1, got ${deps.threads}`);
  const slots: Array<Slot | undefined> = Array.from({ length: deps.threads }, () => undefined);
  const writer = createFrameWriter();
  let nextId = 0;
  let closed = false;
  const reportCount = (): void => deps.onThreadCount?.(slots.filter((slot) => slot !== undefined).length);

  function start(index: number): Slot {
    const worker = (deps.startThread ?? startPipelineThread)({ settings: deps.settings, campaigns: [...deps.campaigns()] });
    const slot: Slot = { worker, pending: new Map(), schemas: new Set() };
    worker.on('message', (message: FromPipelineThread) => {
      const pending = slot.pending.get(message.id);
      if (pending === undefined) return;
      slot.pending.delete(message.id);
      if (slot.pending.size === 0) worker.unref();
      if (message.type === 'failed') pending.reject(threadError(message.error));
      else pending.resolve({ records: readOutputFrames(message.frames), stats: message.stats });
    });
    worker.on('error', (error) => deps.logger.error({ err: error, thread: index }, 'pipeline thread failed'));
    worker.on('exit', (code) => {
      if (slots[index] === slot) slots[index] = undefined;
      reportCount();
      for (const pending of slot.pending.values()) pending.reject(new PipelineThreadError(`pipeline thread ${index} exited with code ${code}`));
      slot.pending.clear();
      if (!closed) deps.logger.warn({ thread: index, code }, 'pipeline thread exited; the next batch starts a new one');
    });
    // An idle thread must not keep the process alive; one with a batch in hand does (ref below).
    worker.unref();
    slots[index] = slot;
    reportCount();
    return slot;
  }

  /** The writer schemas of the batch: what the thread lacks, and every not-found id again. */
  function schemasFor(slot: Slot, records: readonly InputRecord[]): Array<[number, string | null]> {
    const schemas: Array<[number, string | null]> = [];
    for (const id of collectSchemaIds(records)) {
      if (slot.schemas.has(id)) continue;
      const type = deps.writerTypeFor(id); // throws (retriable) when not prefetched, as inline
      schemas.push([id, type === undefined ? null : JSON.stringify(type.schema({ exportAttrs: true }))]);
    }
    return schemas;
  }

  return {
    processRecords(records, now) {
      if (closed) return Promise.reject(new PipelineThreadError('pipeline threads closed'));
      if (records.length === 0) return Promise.resolve({ records: [], stats: { produced: 0, routed: new Map(), deadLettered: [], coreBugs: 0, enumFallbacks: [] } });
      const index = records[0]!.partition % deps.threads;
      const slot = slots[index] ?? start(index);
      let schemas: Array<[number, string | null]>;
      try {
        schemas = schemasFor(slot, records);
      } catch (error) {
        return Promise.reject(error);
      }
      for (const record of records) writer.write(record, record);
      const frames = writer.finish();
      const id = nextId++;
      const done = new Promise<ProcessedRecords>((resolve, reject) => slot.pending.set(id, { resolve, reject }));
      slot.worker.ref();
      const message: ToPipelineThread = { type: 'batch', id, now, frames, schemas };
      slot.worker.postMessage(message, [frames]);
      for (const [schemaId, schema] of schemas) if (schema !== null) slot.schemas.add(schemaId);
      return done;
    },
    campaignChanged(id, campaign) {
      const message: ToPipelineThread = { type: 'campaign', id, campaign };
      for (const slot of slots) slot?.worker.postMessage(message);
    },
    async close() {
      closed = true;
      await Promise.all(slots.map((slot) => slot?.worker.terminate()));
    },
  };
}
