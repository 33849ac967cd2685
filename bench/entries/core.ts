// The core path on one core: Avro body → decode and map (decodeCallback, the worker's step: one
// pass with bounds, UTF-8 and the enum fallback) → enrich → encode, over a realistic mix (see
// lib/buildCallbackMix.ts). Also: the same path when every record is a new conversation, the
// whole pure pipeline (processRecord: wire header, SHA-256 eventId, output records and headers)
// and a stage breakdown. The phone libraries have an entry of their own (phones.ts).
import type { BenchEntry, BenchOutcome, BenchRunOptions } from '../benchEntry.js';
import { buildCallbackMix, type CallbackMix } from '../lib/buildCallbackMix.js';
import { collectGarbage, formatMiB, formatRate, measureRuns, measureRunsInterleaved, timePass, type RunStats } from '../lib/measureRuns.js';
import { measureStages } from '../lib/measureStages.js';
import { enrich, type EnrichContext } from '../../src/enrich/enrich.js';
import { clearPhoneCache, readPhoneCacheStats } from '../../src/enrich/normalizeCallbackNumbers.js';
import { encodeEnrichedFromInput } from '../../src/model/enrichedCodec.js';
import { decodeCallback } from '../../src/pipeline/decodeCallback.js';
import { processRecord, type ProcessDeps } from '../../src/pipeline/processRecord.js';

/** Issue 15: the chain at 100,000 records/s on one core, processRecord within 15 % of it. */
const GOAL = 100_000;
const PIPELINE_SHARE = 0.85;
const PROCESSED_AT = Date.parse('2026-11-25T13:05:00Z');

/** One pass of the core chain over the mix; returns output bytes so nothing is optimised away. */
export function runCoreChain(mix: CallbackMix): number {
  const lookupCampaign = (id: string) => mix.campaigns.get(id);
  let bytes = 0;
  for (const { input, payload, writerType, eventId } of mix.records) {
    const mapped = decodeCallback(writerType, payload, 1);
    if (!mapped.ok) throw new Error(`mix holds a bad record: ${mapped.error.message}`);
    const context: EnrichContext = {
      eventId, eventTime: input.timestamp, processedAt: PROCESSED_AT, defaultPhoneRegion: 'US', lookupCampaign,
      source: { topic: input.topic, partition: input.partition, offset: Number(input.offset), timestamp: input.timestamp, schemaId: 1 },
    };
    bytes += encodeEnrichedFromInput(enrich(mapped.value, context), { writerType, payload }).length;
  }
  return bytes;
}

function runPipeline(mix: CallbackMix): number {
  const deps: ProcessDeps = {
    writerTypeFor: (id) => mix.writerTypes.get(id), lookupCampaign: (id) => mix.campaigns.get(id),
    defaultPhoneRegion: 'US', instanceId: 'bench', outputTopic: 'callbacks.enriched', dlqTopic: 'callbacks.dlq',
    outputSchemaId: 10, routes: [], now: PROCESSED_AT,
  };
  let produced = 0;
  for (const { input } of mix.records) if (processRecord(input, deps).kind === 'produce') produced++;
  if (produced !== mix.records.length) throw new Error(`${mix.records.length - produced} records were dead-lettered`);
  return produced;
}

/** ns to JSON.stringify one enriched record: a yardstick for how fast this machine is right now. */
function measureReference(mix: CallbackMix): number {
  const first = mix.records[0]!;
  const mapped = decodeCallback(first.writerType, first.payload, 1);
  if (!mapped.ok) throw new Error(mapped.error.message);
  const record = enrich(mapped.value, {
    eventId: first.eventId, eventTime: first.input.timestamp, processedAt: PROCESSED_AT, defaultPhoneRegion: 'US',
    lookupCampaign: (id) => mix.campaigns.get(id), source: null,
  });
  let length = 0;
  const ns = Math.min(...[0, 1, 2].map(() => timePass(50_000, () => {
    for (let i = 0; i < 50_000; i++) length += JSON.stringify(record).length;
  }, 'cpu')));
  return length > 0 ? ns : Number.NaN;
}

/** ns per iteration of a bare integer loop: the plainest yardstick of this core's speed. */
function measureLoop(): number {
  let sum = 0;
  const ns = timePass(200_000_000, () => {
    for (let i = 0; i < 200_000_000; i++) sum += i & 7;
  }, 'cpu');
  return sum > 0 ? ns : Number.NaN;
}

async function run({ quick }: BenchRunOptions): Promise<BenchOutcome> {
  const records = quick ? 5_000 : 100_000;
  // CPU time, not wall time: the machine is shared, and wall time would count other processes.
  const rounds = { warmups: quick ? 1 : 2, runs: quick ? 1 : 7, clock: 'cpu' as const };
  const mixOptions = { seed: 'bench-core', records, concurrentConversations: 2_000, unknownEnumRatio: 0.04, evolvedRatio: 0.03 };
  const lifecycle = buildCallbackMix({ ...mixOptions, lifecycle: true });
  const distinct = buildCallbackMix({ ...mixOptions, lifecycle: false });
  clearPhoneCache();
  collectGarbage();
  // The workloads themselves (records, buffers) sit on the heap; heap figures below are above this.
  const heapWorkload = process.memoryUsage().heapUsed;

  // Every timed pass starts with an empty phone cache: a pass is a stream that has never seen
  // these numbers, so each conversation pays for its numbers once, as in production.
  // The chain and processRecord pass by pass in turn: their ratio is a goal, and measured minutes
  // apart on a shared machine it mostly showed the change in load (74 % once, 88 % interleaved).
  const [core, pipeline] = measureRunsInterleaved([
    { items: records, ...rounds, beforeEach: clearPhoneCache, pass: () => runCoreChain(lifecycle) },
    { items: records, ...rounds, beforeEach: clearPhoneCache, pass: () => runPipeline(lifecycle) },
  ]) as [RunStats, RunStats];
  const cache = readPhoneCacheStats();
  const heapAfterPass = process.memoryUsage().heapUsed - heapWorkload;
  collectGarbage();
  const heapRetained = process.memoryUsage().heapUsed - heapWorkload;
  // Every number already parsed: what the chain costs apart from libphonenumber, the ceiling that
  // faster parsing could reach. On a slice whose numbers all fit the phone cache (the whole mix
  // holds more distinct numbers than the cache keeps); the warm-up passes fill it.
  const slice = { ...lifecycle, records: lifecycle.records.slice(0, Math.min(records, 30_000)) };
  clearPhoneCache();
  runCoreChain(slice);
  const filled = readPhoneCacheStats();
  const warm = measureRuns({ items: slice.records.length, ...rounds, pass: () => runCoreChain(slice) });
  const warmStats = readPhoneCacheStats();
  const warmHitRate = 1 - (warmStats.misses - filled.misses) / (warmStats.lookups - filled.lookups);
  const worst = measureRuns({ items: records, ...rounds, beforeEach: clearPhoneCache, pass: () => runCoreChain(distinct) });
  const stages = measureStages(lifecycle, PROCESSED_AT);
  const reference = measureReference(lifecycle);
  const loop = measureLoop();

  const range = (stats: { min: number; max: number }): string => `${formatRate(stats.min)}–${formatRate(stats.max)}`;
  const verdict = core.median >= GOAL ? 'meets' : 'misses';
  const share = pipeline.median / core.median;
  return {
    status: 'ok',
    report: {
      headline: `${formatRate(core.median)} records/s for decode → map → enrich → encode on one core: ${verdict} the ${formatRate(GOAL)} goal; `
        + `processRecord at ${(100 * share).toFixed(0)} % of it (goal ≥ ${100 * PIPELINE_SHARE} %).`,
      figures: [
        { label: 'core chain, lifecycle mix: records/s (median)', value: formatRate(core.median) },
        { label: 'core chain, lifecycle mix: min–max of runs', value: range(core) },
        { label: 'phone cache hit rate in a pass (lifecycle mix)', value: `${(100 * (1 - cache.misses / cache.lookups)).toFixed(1)} %` },
        { label: `core chain, every number already cached (first ${formatRate(slice.records.length)} records, ${(100 * warmHitRate).toFixed(1)} % cache hits): records/s (median)`, value: formatRate(warm.median) },
        { label: 'core chain, one record per conversation: records/s (median)', value: formatRate(worst.median) },
        { label: 'whole pure pipeline (processRecord), lifecycle mix: records/s (median)', value: formatRate(pipeline.median) },
        ...stages.map((stage) => ({ label: `stage ${stage.name}: ns/record`, value: Math.round(stage.nsPerRecord).toLocaleString('en-US') })),
        { label: 'heap above the workload: right after a pass (garbage included) / retained after gc (caches)', value: `${formatMiB(heapAfterPass)} / ${formatMiB(heapRetained)}` },
        { label: 'machine reference: JSON.stringify of one enriched record, ns', value: Math.round(reference).toLocaleString('en-US') },
        { label: 'machine reference: bare integer loop (`sum += i & 7`), ns per iteration', value: loop.toFixed(2) },
      ],
      notes: [
        `Workload: ${records.toLocaleString('en-US')} records from the \`produce\` generator (seed "bench-core"), `
          + `${lifecycle.conversations.toLocaleString('en-US')} conversations of ${lifecycle.averageLife.toFixed(1)} notifications on average `
          + `(each state change of a callback's life), ${mixOptions.concurrentConversations.toLocaleString('en-US')} conversations interleaved; `
          + `${lifecycle.kinds.unknownEnum} records with unknown enum values, ${lifecycle.kinds.evolved} from a newer writer schema; `
          + '1–3 callback numbers each (E.164, US local formats, some invalid); 24 campaigns in 13 IANA zones.',
        `${rounds.warmups} warm-up and ${rounds.runs} timed passes per figure, each pass with an empty phone cache; one Node process, one thread; rates from the process's CPU time (user + system), since the machine is shared. The lifecycle chain and processRecord are measured pass by pass in turn, so their ratio sees one load.`,
        'Decode is the worker\'s step, decodeCallback (one pass from the writer\'s bytes to the model, with the bounds, UTF-8 and enum-fallback checks); eventId is precomputed for the core chain (the caller hashes it) and hashed per record in processRecord.',
        'Encode in the core chain is `encodeEnrichedFromInput` (the input\'s callback bytes reused when its writer is the canonical schema, 93 % of this mix; everything else written by writers generated per Avro type, compileAvroWriter); processRecord uses whatever src/pipeline/encodeOutput.ts calls.',
        'The machine reference lets figures from different machines (or a busy shared one) be compared: scale by it.',
        'Stage breakdown: each stage timed alone over the whole mix (enrich with an empty phone cache), CPU time; the two-pass reference rows are the path decodeCallback falls back to (and replaced), shown for comparison.',
      ],
    },
  };
}

export const entry: BenchEntry = { name: 'core', title: 'core: decode → map → enrich → encode on one core', run };
