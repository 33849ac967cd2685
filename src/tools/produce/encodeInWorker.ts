// Generating and encoding cost about as much CPU per record as KafkaJS's send path, so large runs
// do them on worker threads: the sender gets blocks while the next ones are being built. Blocks
// are dealt round-robin (thread k builds blocks k, k + N, …), so reading the threads in turn
// yields them in order, and the records do not depend on the number of threads.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EventBatch } from './eventBatches.js';
import { unpackBatch, type EncodeRequest, type PackedBatch } from './packBatch.js';

function startWorker(workerData: { request: EncodeRequest; thread: number; threads: number }): Worker {
  const url = new URL(`./encodeWorker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
  if (url.pathname.endsWith('.js')) return new Worker(url, { workerData });
  // Run from TypeScript sources (tests, the bench): module hooks do not reach worker threads on
  // Node 20, so the worker registers tsx itself before loading the file.
  // require.resolve finds the package's CommonJS build; its ESM twin sits beside it.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData });
}

/** One worker thread's packed blocks, in the order it built them; null once it is done. */
interface Lane {
  worker: Worker;
  inbox: Array<PackedBatch | null>;
}

export async function* encodeInWorker(request: EncodeRequest, threads = 1): AsyncGenerator<EventBatch> {
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const lanes: Lane[] = Array.from({ length: threads }, (_, thread) => {
    const lane: Lane = { worker: startWorker({ request, thread, threads }), inbox: [] };
    lane.worker.on('message', (message: PackedBatch | null) => { lane.inbox.push(message); wake?.(); });
    lane.worker.on('error', (error) => { failure = error; wake?.(); });
    lane.worker.on('exit', (code) => {
      if (code !== 0) failure ??= new Error(`an encoding worker exited with code ${code}`);
      wake?.();
    });
    return lane;
  });
  try {
    for (let block = 0; ; block += 1) {
      const lane = lanes[block % threads]!;
      while (lane.inbox.length === 0 && failure === undefined) await new Promise<void>((resolve) => { wake = resolve; });
      const message = lane.inbox.shift();
      if (message === undefined) throw failure;
      // The lane due next has no block left, so no lane has: blocks are dealt in turn.
      if (message === null) return;
      lane.worker.postMessage('credit');
      yield unpackBatch(message, request.topic);
    }
  } finally {
    await Promise.all(lanes.map((lane) => lane.worker.terminate()));
  }
}
