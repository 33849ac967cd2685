// Issue 15: "if a second core helps, use it (worker threads per partition)". The pure pipeline
// on PIPELINE_THREADS threads (src/worker/createPipelineThreads.ts, the worker's own code) against
// the same processRecords inline on the main thread, over the core bench's lifecycle mix, without
// Kafka: what the threads can gain, and what they leave on the main thread (packing each batch,
// unpacking each result), which in the worker also runs the client. Batches come as the worker
// gets them: up to 1,000 records of one partition, two partitions in flight at a time (the
// worker's partitionsConsumedConcurrently under at_least_once). Wall time: threads are about cores.
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import type { BenchEntry, BenchOutcome, BenchRunOptions } from '../benchEntry.js';
import { buildCallbackMix, type MixOptions } from '../lib/buildCallbackMix.js';
import { collectGarbage, formatRate, median } from '../lib/measureRuns.js';
import { clearPhoneCache } from '../../src/enrich/normalizeCallbackNumbers.js';
import { processRecord, type ProcessDeps } from '../../src/pipeline/processRecord.js';
import type { InputRecord } from '../../src/pipeline/types.js';
import { createPipelineThreads, type PipelineThreads } from '../../src/worker/createPipelineThreads.js';
import { processRecords, type ProcessRecords } from '../../src/worker/processRecords.js';

const PROCESSED_AT = Date.parse('2026-11-25T13:05:00Z');
/** Records per batch: about what one 1 MiB fetch of a partition holds for this mix. */
const BATCH = 1_000;
/** Partitions in flight at once, as the worker consumes them under at_least_once. */
const LANES = 2;

interface PassResult {
  seconds: number;
  /** Seconds the main thread's event loop was busy (packing, unpacking, or all the work inline). */
  mainBusySeconds: number;
  outputs: number;
}

/** The mix cut into batches of one partition each, in each partition's order, per lane. */
function laneBatches(records: readonly InputRecord[]): InputRecord[][][] {
  const byPartition = new Map<number, InputRecord[]>();
  for (const record of records) {
    let list = byPartition.get(record.partition);
    if (list === undefined) byPartition.set(record.partition, (list = []));
    list.push(record);
  }
  const lanes: InputRecord[][][] = Array.from({ length: LANES }, () => []);
  for (const [partition, list] of byPartition) {
    for (let i = 0; i < list.length; i += BATCH) lanes[partition % LANES]!.push(list.slice(i, i + BATCH));
  }
  return lanes;
}

async function runPass(lanes: readonly InputRecord[][][], process: ProcessRecords): Promise<PassResult> {
  collectGarbage();
  const startedAt = performance.now();
  const loopBefore = performance.eventLoopUtilization();
  let outputs = 0;
  await Promise.all(lanes.map(async (batches) => {
    for (const batch of batches) {
      const { records } = await process(batch, PROCESSED_AT);
      outputs += records.length; // after the await: `outputs += await …` would lose the other lane's adds
      // Inline, a lane yields between batches as the worker does between fetches.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }));
  const loop = performance.eventLoopUtilization(loopBefore);
  return { seconds: (performance.now() - startedAt) / 1000, mainBusySeconds: loop.active / 1000, outputs };
}

function summarize(passes: readonly PassResult[], records: number) {
  return {
    rate: median(passes.map((p) => records / p.seconds)),
    mainMicros: median(passes.map((p) => (1e6 * p.mainBusySeconds) / records)),
    outputs: passes[0]!.outputs,
  };
}

async function run({ quick }: BenchRunOptions): Promise<BenchOutcome> {
  const records = quick ? 5_000 : 100_000;
  const warmups = quick ? 1 : 2;
  const runs = quick ? 1 : 5;
  const mixOptions: MixOptions = { seed: 'bench-core', records, lifecycle: true, concurrentConversations: 2_000, unknownEnumRatio: 0.04, evolvedRatio: 0.03 };
  const mix = buildCallbackMix(mixOptions);
  const lanes = laneBatches(mix.records.map((r) => r.input));
  const settings = { defaultPhoneRegion: 'US' as const, instanceId: 'bench', outputTopic: 'callbacks.enriched', dlqTopic: 'callbacks.dlq', outputSchemaId: 10, routes: [] };
  const deps: ProcessDeps = {
    ...settings, writerTypeFor: (id) => mix.writerTypes.get(id), lookupCampaign: (id) => mix.campaigns.get(id), now: PROCESSED_AT,
  };
  const inline: ProcessRecords = (batch, now) => processRecords(batch, now, (record) => processRecord(record, deps));
  const threadCounts = [1, 2];
  const logger = pino({ level: 'silent' });
  const pools: PipelineThreads[] = threadCounts.map((threads) => createPipelineThreads({
    threads, settings, logger, writerTypeFor: (id) => mix.writerTypes.get(id), campaigns: () => mix.campaigns.entries(),
  }));
  clearPhoneCache();
  try {
    // Warm-ups, then the timed passes of every configuration in turn, so each sees the same load.
    // Phone caches are not emptied between passes (a thread's is its own): every configuration
    // runs warm, on numbers it has seen in earlier passes as far as its caches hold them.
    const configurations: ProcessRecords[] = [inline, ...pools.map((pool) => pool.processRecords)];
    const passes: PassResult[][] = configurations.map(() => []);
    for (let round = 0; round < warmups + runs; round++) {
      for (const [i, process] of configurations.entries()) {
        const result = await runPass(lanes, process);
        if (round >= warmups) passes[i]!.push(result);
      }
    }
    const [onMain, ...onThreads] = passes.map((p) => summarize(p, records));
    for (const result of onThreads) {
      if (result.outputs !== onMain!.outputs) throw new Error(`threads gave ${result.outputs} output records, inline ${onMain!.outputs}`);
    }
    const best = onThreads[onThreads.length - 1]!;
    return {
      status: 'ok',
      report: {
        headline: `processRecord on ${threadCounts.at(-1)} pipeline threads: ${formatRate(best.rate)} records/s against ${formatRate(onMain!.rate)} on the main thread alone (${(best.rate / onMain!.rate).toFixed(2)} ×), ${availableParallelism()} cores, no Kafka.`,
        figures: [
          { label: 'on the main thread (PIPELINE_THREADS=0): records/s (median)', value: formatRate(onMain!.rate) },
          ...threadCounts.map((count, i) => ({ label: `PIPELINE_THREADS=${count}: records/s (median)`, value: formatRate(onThreads[i]!.rate) })),
          { label: 'main thread busy per record, PIPELINE_THREADS=0 (all the work)', value: `${onMain!.mainMicros.toFixed(2)} µs` },
          ...threadCounts.map((count, i) => ({ label: `main thread busy per record, PIPELINE_THREADS=${count} (packing batches, unpacking results)`, value: `${onThreads[i]!.mainMicros.toFixed(2)} µs` })),
        ],
        notes: [
          `Workload: the core bench's lifecycle mix (${records.toLocaleString('en-US')} records, seed "bench-core", 12 partitions), in batches of up to ${BATCH.toLocaleString('en-US')} records of one partition, ${LANES} partitions in flight at a time; a thread owns the partitions p with p mod threads equal to its index.`,
          `${warmups} warm-up and ${runs} timed passes of each configuration in turn. Wall time, since threads are about using more than one core: on a busy machine these figures mean little. Main-thread busy time is its event loop's active time (performance.eventLoopUtilization).`,
          'Each way a batch is one transferred ArrayBuffer of frames (src/pipeline/recordFrames.ts); the main thread packs each batch, sends each thread the writer schemas it lacks, and unpacks each result into output records. The outputs are checked to be as many as inline.',
          'No Kafka here: in the worker the main thread also runs the client (fetch decoding, produce encoding, commits), and on this machine the broker shares the two cores; the throughput suite has the worker with PIPELINE_THREADS set.',
        ],
      },
    };
  } finally {
    await Promise.all(pools.map((pool) => pool.close()));
  }
}

export const entry: BenchEntry = { name: 'threads', title: 'threads: the pure pipeline on worker threads (a second core)', run };
