// The pipeline on worker threads (real threads, no Kafka): the same records and counts as on the
// main thread, campaign changes applied in order, registry answers passed on, failures surfaced.
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type avro from 'avsc';
import { buildCallbackMix } from '../../../bench/lib/buildCallbackMix.js';
import { isRetriable } from '../../../src/errors.js';
import type { CampaignReference } from '../../../src/model/types.js';
import { processRecord } from '../../../src/pipeline/processRecord.js';
import type { InputRecord, OutputRecord } from '../../../src/pipeline/types.js';
import { SchemaNotPrefetchedError } from '../../../src/registry/registryErrors.js';
import type { Worker } from 'node:worker_threads';
import {
  createPipelineThreads, PipelineThreadError, startPipelineThread, type PipelineThreads, type PipelineThreadsDeps,
} from '../../../src/worker/createPipelineThreads.js';
import type { ProcessSettings } from '../../../src/worker/pipelineThreadProtocol.js';
import { processRecords, type ProcessedRecords } from '../../../src/worker/processRecords.js';
import { waitFor } from '../../helpers/waitFor.js';

const NOW = Date.parse('2026-11-25T13:05:00Z');
const mix = buildCallbackMix({ seed: 'threads-test', records: 1_500, lifecycle: true, concurrentConversations: 200, unknownEnumRatio: 0.05, evolvedRatio: 0.05, poisonRatio: 0.02 });
const inputs = mix.records.map((r) => r.input);
const settings: ProcessSettings = {
  defaultPhoneRegion: 'US', instanceId: 'test', outputTopic: 'out', dlqTopic: 'dlq', outputSchemaId: 10,
  routes: [{ topic: 'scheduled', when: { outcome: ['SCHEDULED'] } }],
};
const logger = pino({ level: 'silent' });
let pool: PipelineThreads | undefined;

afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

function start(overrides: Partial<PipelineThreadsDeps> = {}): PipelineThreads {
  pool = createPipelineThreads({
    threads: 2, settings, logger, writerTypeFor: (id) => mix.writerTypes.get(id), campaigns: () => mix.campaigns.entries(), ...overrides,
  });
  return pool;
}

function inline(records: readonly InputRecord[], lookup: (id: string) => CampaignReference | undefined = (id) => mix.campaigns.get(id),
  writerTypeFor: (id: number) => avro.Type | undefined = (id) => mix.writerTypes.get(id)): ProcessedRecords {
  const deps = { ...settings, writerTypeFor, lookupCampaign: lookup, now: NOW };
  return processRecords(records, NOW, (record) => processRecord(record, deps));
}

/** Records as plain values: Buffers compared by their bytes. */
const plain = (records: readonly OutputRecord[]) => records.map((r) => ({
  topic: r.topic, key: r.key?.toString('hex') ?? null, value: r.value?.toString('hex') ?? null,
  headers: r.headers.map((h) => [h.key, h.value?.toString('hex') ?? null]),
}));

/** The mix's records in batches of one partition, as a consumer hands them over. */
function batches(records: readonly InputRecord[], size = 100): InputRecord[][] {
  const byPartition = new Map<number, InputRecord[]>();
  for (const record of records) byPartition.set(record.partition, [...(byPartition.get(record.partition) ?? []), record]);
  return [...byPartition.values()].flatMap((list) => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size)));
}

/** A campaign some record of the batch joins, and that batch. */
function recordWithCampaign(): { campaignId: string; batch: InputRecord[] } {
  for (const batch of batches(inputs)) {
    for (const record of batch) {
      const out = inline([record]).records[0]!;
      const id = [...mix.campaigns.keys()].find((c) => out.value?.includes(Buffer.from(c)));
      if (out.topic === 'out' && id !== undefined) return { campaignId: id, batch: [record] };
    }
  }
  throw new Error('no record of the mix joins a campaign');
}

describe('createPipelineThreads', () => {
  it('gives the records, in order, and the counts that the main thread gives: unknown enums, newer writers, poison and routes', async () => {
    const threads = start();
    const all = batches(inputs);
    // Two batches in flight at a time, as the worker has two partitions in flight.
    const results: ProcessedRecords[] = [];
    for (let i = 0; i < all.length; i += 2) results.push(...await Promise.all(all.slice(i, i + 2).map((b) => threads.processRecords(b, NOW))));
    const expected = all.map((b) => inline(b));
    expect(results.map((r) => plain(r.records))).toEqual(expected.map((r) => plain(r.records)));
    expect(results.map((r) => r.stats)).toEqual(expected.map((r) => r.stats));
    const deadLettered = results.flatMap((r) => r.stats.deadLettered);
    expect(deadLettered.length).toBeGreaterThan(0);
    expect(results.some((r) => r.stats.routed.get('scheduled'))).toBe(true);
    expect(results.some((r) => r.stats.enumFallbacks.length > 0)).toBe(true);
  });

  it('applies a campaign change, and a removal, to the batches sent after it', async () => {
    // The table as the worker keeps it: changed first, then the change forwarded. A thread started
    // after a change gets the table as it is then; one running already gets the message.
    const table = new Map(mix.campaigns);
    const threads = start({ campaigns: () => table.entries() });
    const change = (id: string, campaign: CampaignReference | null) => {
      if (campaign === null) table.delete(id);
      else table.set(id, campaign);
      threads.campaignChanged(id, campaign);
    };
    const { campaignId, batch } = recordWithCampaign();
    await threads.processRecords(batch, NOW); // its thread runs from here on
    const renamed: CampaignReference = { ...mix.campaigns.get(campaignId)!, name: 'Renamed campaign' };
    change(campaignId, renamed);
    const afterRename = await threads.processRecords(batch, NOW);
    expect(plain(afterRename.records)).toEqual(plain(inline(batch, (id) => (id === campaignId ? renamed : mix.campaigns.get(id))).records));
    expect(afterRename.records[0]!.value!.includes(Buffer.from('Renamed campaign'))).toBe(true);
    change(campaignId, null);
    const afterRemoval = await threads.processRecords(batch, NOW);
    expect(plain(afterRemoval.records)).toEqual(plain(inline(batch, (id) => (id === campaignId ? undefined : mix.campaigns.get(id))).records));
  });

  it('dead-letters an id the registry does not know, and asks again next batch (that answer expires)', async () => {
    let known = false;
    const evolved = mix.records.find((r) => r.input.value!.readInt32BE(1) === 3)!.input;
    const threads = start({ writerTypeFor: (id) => (id === 3 && !known ? undefined : mix.writerTypes.get(id)) });
    const unknown = await threads.processRecords([evolved], NOW);
    expect(unknown.stats.deadLettered).toEqual(['UNKNOWN_SCHEMA']);
    known = true;
    const found = await threads.processRecords([evolved], NOW);
    expect(found.stats.deadLettered).toEqual([]);
    expect(plain(found.records)).toEqual(plain(inline([evolved]).records));
  });

  it('fails a batch whose writer schema was not prefetched as retriable, as the main thread does, and sends nothing', async () => {
    const threads = start({ writerTypeFor: (id) => { throw new SchemaNotPrefetchedError(id); } });
    const failure = await threads.processRecords(inputs.slice(0, 5), NOW).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SchemaNotPrefetchedError);
    expect(isRetriable(failure)).toBe(true);
  });

  it('reports the threads it runs (started by their partitions\' first batches), and refuses batches once closed', async () => {
    const counts: number[] = [];
    const threads = start({ onThreadCount: (running) => counts.push(running) });
    const [zero, one] = [inputs.find((r) => r.partition % 2 === 0)!, inputs.find((r) => r.partition % 2 === 1)!];
    await threads.processRecords([zero], NOW);
    await threads.processRecords([zero], NOW);
    expect(counts).toEqual([1]);
    await threads.processRecords([one], NOW);
    expect(counts).toEqual([1, 2]);
    await threads.close();
    await waitFor(() => counts.at(-1) === 0, { message: 'both threads gone after close' });
    await expect(threads.processRecords([zero], NOW)).rejects.toBeInstanceOf(PipelineThreadError);
  });

  it('fails the batch of a thread that dies as a PipelineThreadError (not an outage), and starts a new thread for the next', async () => {
    const started: Worker[] = [];
    const counts: number[] = [];
    const threads = start({
      threads: 1, onThreadCount: (running) => counts.push(running),
      startThread: (data) => { const worker = startPipelineThread(data); started.push(worker); return worker; },
    });
    await threads.processRecords(inputs.slice(0, 1), NOW); // the thread is up
    const pending = threads.processRecords(inputs, NOW); // 1,500 records: far from done when it dies
    void started[0]!.terminate();
    const failure = await pending.catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PipelineThreadError);
    expect(isRetriable(failure)).toBe(false);
    const again = await threads.processRecords(inputs.slice(0, 50), NOW);
    expect(plain(again.records)).toEqual(plain(inline(inputs.slice(0, 50)).records));
    expect(started).toHaveLength(2);
    expect(counts).toEqual([1, 0, 1]);
  });

  it('refuses a thread count that is not a positive integer', () => {
    expect(() => start({ threads: 0 })).toThrow(RangeError);
  });
});
