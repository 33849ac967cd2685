// Generating and encoding cost about as much CPU per record as KafkaJS's send path, so large runs
// do them on a second thread: the sender gets batches while the next ones are being built.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EventBatch } from './eventBatches.js';
import { unpackBatch, type EncodeRequest, type PackedBatch } from './packBatch.js';

function startWorker(request: EncodeRequest): Worker {
  const url = new URL(`./encodeWorker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
  if (url.pathname.endsWith('.js')) return new Worker(url, { workerData: request });
  // Run from TypeScript sources (tests, the bench): module hooks do not reach worker threads on
  // Node 20, so the worker registers tsx itself before loading the file.
  // require.resolve finds the package's CommonJS build; its ESM twin sits beside it.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData: request });
}

export async function* encodeInWorker(request: EncodeRequest): AsyncGenerator<EventBatch> {
  const worker = startWorker(request);
  const inbox: Array<PackedBatch | null> = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  worker.on('message', (message: PackedBatch | null) => { inbox.push(message); wake?.(); });
  worker.on('error', (error) => { failure = error; wake?.(); });
  worker.on('exit', (code) => {
    if (code !== 0) failure ??= new Error(`the encoding worker exited with code ${code}`);
    wake?.();
  });
  try {
    for (;;) {
      while (inbox.length === 0 && failure === undefined) await new Promise<void>((resolve) => { wake = resolve; });
      const message = inbox.shift();
      if (message === undefined) throw failure;
      if (message === null) return;
      worker.postMessage('credit');
      yield unpackBatch(message, request.topic);
    }
  } finally {
    await worker.terminate();
  }
}
