// A pipeline thread: processRecord over the batches the main thread hands it, with the same code
// and the same counts as on the main thread (processRecords.ts). It holds the writer schemas it
// was sent, a copy of the campaign table kept current by the main thread, and its own phone cache.
import { parentPort, workerData } from 'node:worker_threads';
import avro from 'avsc';
import type { CampaignReference } from '../model/types.js';
import { processRecord, type ProcessDeps } from '../pipeline/processRecord.js';
import { createFrameWriter, readInputFrames } from '../pipeline/recordFrames.js';
import { SchemaNotPrefetchedError } from '../registry/registryErrors.js';
import type { FromPipelineThread, PipelineThreadData, ToPipelineThread } from './pipelineThreadProtocol.js';
import { processRecords } from './processRecords.js';

const port = parentPort;
if (port === null) throw new Error('pipelineThread.ts runs as a worker thread (createPipelineThreads.ts starts it)');

const { settings, campaigns: initialCampaigns } = workerData as PipelineThreadData;
const campaigns = new Map<string, CampaignReference>(initialCampaigns);
const writerTypes = new Map<number, avro.Type>();
/** Ids the registry did not know, for the batch at hand only. */
let notFound = new Set<number>();
let deps: ProcessDeps = {
  ...settings,
  now: 0,
  lookupCampaign: (id) => campaigns.get(id),
  writerTypeFor(id) {
    const type = writerTypes.get(id);
    if (type !== undefined || notFound.has(id)) return type;
    // The main thread sends every id of a batch; a missing one is retried, as an id not prefetched is.
    throw new SchemaNotPrefetchedError(id);
  },
};
const writer = createFrameWriter();

function processBatch(message: Extract<ToPipelineThread, { type: 'batch' }>): FromPipelineThread {
  notFound = new Set();
  for (const [id, schema] of message.schemas) {
    if (schema === null) notFound.add(id);
    else writerTypes.set(id, avro.Type.forSchema(JSON.parse(schema) as avro.Schema));
  }
  if (deps.now !== message.now) deps = { ...deps, now: message.now };
  const { records, stats } = processRecords(readInputFrames(message.frames), message.now, (record) => processRecord(record, deps));
  for (const record of records) writer.write(record);
  return { type: 'done', id: message.id, frames: writer.finish(), stats };
}

port.on('message', (message: ToPipelineThread) => {
  if (message.type === 'campaign') {
    if (message.campaign === null) campaigns.delete(message.id);
    else campaigns.set(message.id, message.campaign);
    return;
  }
  let reply: FromPipelineThread;
  try {
    reply = processBatch(message);
  } catch (error) {
    const { name, message: text } = error instanceof Error ? error : { name: 'NonError', message: String(error) };
    reply = { type: 'failed', id: message.id, error: { name, message: text, retriable: (error as { retriable?: unknown }).retriable === true } };
  }
  port.postMessage(reply, reply.type === 'done' ? [reply.frames] : []);
});
