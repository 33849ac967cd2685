// The worker-thread side of encodeInWorker: generates and encodes its share of the blocks
// (thread k of N takes blocks k, k + N, …) while the main thread sends, a few blocks ahead at
// most (credits keep memory bounded). Each block goes over as one packed batch.
import { parentPort, workerData } from 'node:worker_threads';
import avro from 'avsc';
import type { WriterCodecs } from '../generate/encodeEvent.js';
import { blockCount, EVENTS_PER_BLOCK, generateBlock } from '../generate/generateEvents.js';
import { packGeneratedBatches, type EncodeRequest } from './packBatch.js';

const { request, thread, threads } = workerData as { request: EncodeRequest; thread: number; threads: number };
const port = parentPort;
if (!port) throw new Error('encodeWorker runs in a worker thread');

const codecs: WriterCodecs = {
  canonical: { schemaId: request.writers.canonical.schemaId, type: avro.Type.forSchema(request.writers.canonical.schema as avro.Schema) },
};
for (const name of ['unknownEnum', 'evolved'] as const) {
  const writer = request.writers[name];
  if (writer) codecs[name] = { schemaId: writer.schemaId, type: avro.Type.forSchema(writer.schema as avro.Schema) };
}

let credits = request.ahead;
let wake: (() => void) | undefined;
port.on('message', () => {
  credits += 1;
  wake?.();
});

for (let block = thread; block < blockCount(request.generate.count); block += threads) {
  for (const packed of packGeneratedBatches(generateBlock(request.generate, block), codecs, EVENTS_PER_BLOCK)) {
    while (credits === 0) await new Promise<void>((resolve) => { wake = resolve; });
    credits -= 1;
    port.postMessage(packed, [packed.bytes, packed.offsets.buffer as ArrayBuffer]);
  }
}
port.postMessage(null);
port.close();
