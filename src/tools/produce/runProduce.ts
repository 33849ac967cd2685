// `produce` end to end: register the writers, write the campaigns, then stream event batches to
// the input topic through a window of in-flight sends (or paced to --rate), and sum up.
import { createReadStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { StreamClient } from '../../kafka/streamClient.js';
import { startRecordTraces } from '../../observability/tracing.js';
import type { RegistryClient } from '../../registry/createRegistryClient.js';
import { readLines } from '../../streams/readLines.js';
import { verifyTopicsExist } from '../../kafka/verifyTopics.js';
import { generateEvents, type EventRatios } from '../generate/generateEvents.js';
import { chunkSizeForRate, createPacer, UNPACED } from '../pace/createPacer.js';
import type { Progress } from '../terminal/createProgress.js';
import { createSendWindow } from './createSendWindow.js';
import { encodeInWorker } from './encodeInWorker.js';
import { fileBatches, generatedBatches, type EventBatch, type FileLineProblem } from './eventBatches.js';
import { registerWriterSchemas, writerSchemasFor } from './registerWriterSchemas.js';
import { writeCampaigns } from './writeCampaigns.js';

export interface ProduceOptions {
  topic: string;
  campaignTopic: string;
  /** Generated events, or with `fromFile` the most lines to take (undefined = all). */
  count: number | undefined;
  seed: string;
  /** The generator's clock: event times are offsets from it. */
  baseTime: number;
  ratios: EventRatios;
  campaigns: number;
  rate?: number;
  fromFile?: string;
  /** Start a W3C trace per record (a traceparent header) that the worker continues. */
  trace?: boolean;
  onBadLine?: (problem: FileLineProblem) => void;
}

export interface ProduceDeps {
  client: StreamClient;
  registry: Pick<RegistryClient, 'registerSchema'>;
  progress?: Progress;
  now?: () => number;
}

export interface ProduceSummary {
  topic: string;
  produced: number;
  /** canonical, unknownEnum, evolved, poison.MAGIC_BYTE, poison.UNKNOWN_SCHEMA, poison.DECODE_ERROR, file */
  byKind: Record<string, number>;
  /** Poison records: what the worker will dead-letter. */
  poison: number;
  badLines: number;
  campaigns: { topic: string; count: number; ids: string[] };
  schemaIds: Record<string, number>;
  seed: string | null;
  baseTime: string | null;
  elapsedMs: number;
  recordsPerSecond: number;
}

/** Big enough to amortise a request, small enough to keep several in flight (the adapter cuts sends at 512 KiB). */
const BATCH_RECORDS = 4000;
const MAX_IN_FLIGHT = 4;
/** From here on worker threads generate and encode (their start-up costs less than they save). */
const WORKER_THRESHOLD = 20_000;
/**
 * One encoding thread per spare core, the main thread keeping one to send, at most 3 (one
 * KafkaJS sender keeps up with about that many). On a 2-core machine that is one thread: a
 * second measured no faster there, both cores being busy already (BENCHMARKS.md, produce).
 */
export const ENCODE_THREADS = Math.min(3, Math.max(1, availableParallelism() - 1));

/** The send loop alone (the bench feeds it pre-encoded batches to measure the producer path). */
export async function sendEventBatches(deps: ProduceDeps, batches: AsyncIterable<EventBatch> | Iterable<EventBatch>, rate: number | undefined) {
  const now = deps.now ?? (() => performance.now());
  const producer = deps.client.createProducer();
  const byKind: Record<string, number> = {};
  let produced = 0;
  const window = createSendWindow<EventBatch>(producer, rate === undefined ? MAX_IN_FLIGHT : 1, (count, batch) => {
    produced += count;
    for (const [kind, n] of Object.entries(batch.kinds)) byKind[kind] = (byKind[kind] ?? 0) + n;
    deps.progress?.update(produced);
  });
  const pacer = rate === undefined ? UNPACED : createPacer(rate);
  await producer.connect();
  const startedAt = now();
  try {
    for await (const batch of batches) {
      await pacer.acquire(batch.records.length);
      await window.send(batch.records, batch);
    }
    await window.drain();
  } finally {
    await producer.disconnect();
  }
  const elapsedMs = now() - startedAt;
  deps.progress?.finish(produced);
  return { produced, byKind, elapsedMs };
}

async function* withTraces(batches: AsyncIterable<EventBatch> | Iterable<EventBatch>): AsyncIterable<EventBatch> {
  for await (const batch of batches) {
    startRecordTraces(batch.records);
    yield batch;
  }
}

export async function runProduce(deps: ProduceDeps, options: ProduceOptions): Promise<ProduceSummary> {
  const required = [{ topic: options.topic, source: 'INPUT_TOPIC' }];
  if (options.campaigns > 0) required.push({ topic: options.campaignTopic, source: 'CAMPAIGN_TOPIC' });
  await verifyTopicsExist(deps.client, required);

  const codecs = await registerWriterSchemas(deps.registry, options.topic, {
    unknownEnum: !options.fromFile && options.ratios.unknownEnum > 0,
    evolved: !options.fromFile && options.ratios.evolved > 0,
  });
  const written = await writeCampaigns(deps, options);
  let badLines = 0;
  const generate = { seed: options.seed, count: options.count ?? 0, baseTime: options.baseTime, campaigns: written.campaigns, ratios: options.ratios };
  const batchSize = options.rate === undefined ? BATCH_RECORDS : chunkSizeForRate(options.rate, BATCH_RECORDS);
  const batches = options.fromFile
    ? fileBatches(readLines(createReadStream(options.fromFile)), codecs.canonical, options.topic, options.count, (problem) => {
      badLines += 1;
      options.onBadLine?.(problem);
    })
    : options.rate === undefined && generate.count >= WORKER_THRESHOLD
      ? encodeInWorker({ generate, writers: writerSchemasFor(codecs), topic: options.topic, ahead: MAX_IN_FLIGHT + 2 }, ENCODE_THREADS)
      : generatedBatches(generateEvents(generate), codecs, options.topic, batchSize);
  const { produced, byKind, elapsedMs } = await sendEventBatches(deps, options.trace ? withTraces(batches) : batches, options.rate);

  const schemaIds: Record<string, number> = { canonical: codecs.canonical.schemaId };
  if (codecs.unknownEnum) schemaIds.unknownEnum = codecs.unknownEnum.schemaId;
  if (codecs.evolved) schemaIds.evolved = codecs.evolved.schemaId;
  if (written.schemaId !== undefined) schemaIds.campaign = written.schemaId;
  return {
    topic: options.topic,
    produced,
    byKind,
    poison: Object.entries(byKind).filter(([kind]) => kind.startsWith('poison.')).reduce((sum, [, n]) => sum + n, 0),
    badLines,
    campaigns: { topic: options.campaignTopic, count: written.campaigns.length, ids: written.campaigns.map((c) => c.id) },
    schemaIds,
    seed: options.fromFile ? null : options.seed,
    baseTime: options.fromFile ? null : new Date(options.baseTime).toISOString(),
    elapsedMs: Math.round(elapsedMs),
    recordsPerSecond: elapsedMs > 0 ? Math.round((produced * 1000) / elapsedMs) : produced,
  };
}
