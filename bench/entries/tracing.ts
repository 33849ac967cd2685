// What tracing costs the worker when it is off (no OpenTelemetry SDK registered, the default):
// the core benchmark's whole pure pipeline (processRecord over the lifecycle mix) bare and inside
// the worker's per-record tracing wrapper, passes interleaved so machine noise hits both alike;
// and the wrappers alone around ready outcomes. Timed in CPU time of this process (a busy machine
// stretches wall time, far less the CPU time a pass uses) and compared by the best pass of each.
import type { BenchEntry, BenchOutcome, BenchRunOptions } from '../benchEntry.js';
import { buildCallbackMix } from '../lib/buildCallbackMix.js';
import { collectGarbage, formatRate } from '../lib/measureRuns.js';
import { clearPhoneCache } from '../../src/enrich/normalizeCallbackNumbers.js';
import { createWorkerTracing } from '../../src/observability/tracing.js';
import type { BatchControl, BatchHandler, ConsumedBatch } from '../../src/kafka/streamClient.js';
import { standaloneGroup } from '../../src/kafka/streamClient.js';
import { processRecord, type ProcessDeps } from '../../src/pipeline/processRecord.js';
import type { InputRecord, ProcessOutcome } from '../../src/pipeline/types.js';

const PROCESSED_AT = Date.parse('2026-11-25T13:05:00Z');

const BATCH = 500;
const control: BatchControl = { heartbeat: async () => undefined, isActive: () => true, groupMetadata: () => standaloneGroup('bench') };

/** CPU nanoseconds per item of one pass. */
async function cpuNsPerItem(items: number, pass: () => Promise<number>): Promise<number> {
  clearPhoneCache();
  collectGarbage();
  const started = process.cpuUsage();
  if (await pass() !== items) throw new Error('a record was dead-lettered');
  const used = process.cpuUsage(started);
  return ((used.user + used.system) * 1000) / items;
}

/** The records as the consumer hands them over: batches of one partition. */
function toBatches(inputs: InputRecord[]): ConsumedBatch[] {
  const batches: ConsumedBatch[] = [];
  for (let i = 0; i < inputs.length; i += BATCH) {
    const records = inputs.slice(i, i + BATCH).map((record) => ({ ...record, partition: 0 }));
    batches.push({ topic: records[0]!.topic, partition: 0, highWatermark: '0', nextOffset: '0', records });
  }
  return batches;
}

async function run({ quick }: BenchRunOptions): Promise<BenchOutcome> {
  const records = quick ? 5_000 : 100_000;
  const runs = quick ? 1 : 9;
  const mix = buildCallbackMix({ seed: 'bench-core', records, concurrentConversations: 2_000, unknownEnumRatio: 0.04, evolvedRatio: 0.03, lifecycle: true });
  const deps: ProcessDeps = {
    writerTypeFor: (id) => mix.writerTypes.get(id), lookupCampaign: (id) => mix.campaigns.get(id),
    defaultPhoneRegion: 'US', instanceId: 'bench', outputTopic: 'callbacks.enriched', dlqTopic: 'callbacks.dlq',
    outputSchemaId: 10, routes: [], now: PROCESSED_AT,
  };
  const tracing = createWorkerTracing({ groupId: 'bench' });
  const batches = toBatches(mix.records.map((record) => record.input));
  // The batch loop as the worker runs it, with or without the tracing wrappers around it.
  const pass = (traced: boolean, processOne: (record: InputRecord) => ProcessOutcome) => async (): Promise<number> => {
    let produced = 0;
    const handler: BatchHandler = async (batch) => {
      for (const record of batch.records) {
        const outcome = traced ? tracing.traceRecord(record, () => processOne(record)) : processOne(record);
        if (outcome.kind === 'produce') produced++;
      }
      return { kind: 'done' };
    };
    const run = traced ? tracing.traceBatches(handler) : handler;
    for (const batch of batches) await run(batch, control);
    return produced;
  };
  const processOne = (record: InputRecord): ProcessOutcome => processRecord(record, deps);
  for (let i = 0; i < (quick ? 1 : 2); i++) { await cpuNsPerItem(records, pass(false, processOne)); await cpuNsPerItem(records, pass(true, processOne)); }
  const bareNs: number[] = [];
  const tracedNs: number[] = [];
  for (let i = 0; i < runs; i++) {
    bareNs.push(await cpuNsPerItem(records, pass(false, processOne)));
    tracedNs.push(await cpuNsPerItem(records, pass(true, processOne)));
  }
  // The wrappers alone, around outcomes already computed: what they add to each record.
  const readyOutcomes = new Map<InputRecord, ProcessOutcome>();
  for (const batch of batches) for (const record of batch.records) readyOutcomes.set(record, processRecord(record, deps));
  const cached = (record: InputRecord): ProcessOutcome => readyOutcomes.get(record)!;
  const wrapperNs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const plain = await cpuNsPerItem(records, pass(false, cached));
    wrapperNs.push((await cpuNsPerItem(records, pass(true, cached))) - plain);
  }
  const [bareBest, tracedBest] = [Math.min(...bareNs), Math.min(...tracedNs)];
  const wrapperBest = Math.max(0, [...wrapperNs].sort((a, b) => a - b)[Math.floor(wrapperNs.length / 2)]!);
  const share = (100 * wrapperBest) / bareBest;
  const rate = (ns: number): string => formatRate(1e9 / ns);
  const spread = (values: number[]): string => `${rate(Math.max(...values))}–${rate(Math.min(...values))}`;
  return {
    status: 'ok',
    report: {
      headline: `Tracing off (no SDK): the batch and record wrappers add ${Math.round(wrapperBest)} ns of CPU per record, ${share.toFixed(2)} % of the ${(bareBest / 1000).toFixed(1)} µs the pure pipeline takes.`,
      figures: [
        { label: 'whole pure pipeline, bare: records/s of CPU (best pass)', value: rate(bareBest) },
        { label: 'whole pure pipeline, bare: range of passes', value: spread(bareNs) },
        { label: 'inside the per-record tracing wrapper, no SDK: records/s of CPU (best pass)', value: rate(tracedBest) },
        { label: 'inside the per-record tracing wrapper, no SDK: range of passes', value: spread(tracedNs) },
        { label: 'the wrappers alone (batch and record) around ready outcomes, no SDK: ns of CPU per record (median difference)', value: String(Math.round(wrapperBest)) },
        { label: 'the wrapper alone: share of the bare pipeline\'s cost per record', value: `${share.toFixed(2)} %` },
      ],
      notes: [
        `Workload: the core benchmark's lifecycle mix, ${records.toLocaleString('en-US')} records (seed "bench-core"); ${runs} timed passes of each, interleaved, after warm-up passes; batches of ${BATCH} records.`,
        'Timed in CPU time of the process (process.cpuUsage), best pass of each: on a shared, busy machine wall-clock medians swing by tens of percent between passes.',
        'The wrapper is what the worker runs per record (src/observability/tracing.ts traceRecord) with @opentelemetry/api and no SDK registered: span calls are no-ops, no header is rewritten. The per-batch span costs once per fetched batch.',
      ],
    },
  };
}

export const entry: BenchEntry = { name: 'tracing', title: 'tracing: the cost of OpenTelemetry when no SDK is registered', run };
