import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { projectSchemas } from '../../../src/schemas/avroSchemas.js';
import { createRandom } from '../../../src/tools/generate/createRandom.js';
import { deriveWriterSchemas } from '../../../src/tools/generate/deriveWriterSchemas.js';
import { generateCampaigns } from '../../../src/tools/generate/generateCampaigns.js';
import { generateEvents } from '../../../src/tools/generate/generateEvents.js';
import { encodeInWorker } from '../../../src/tools/produce/encodeInWorker.js';
import { generatedBatches, type EventBatch } from '../../../src/tools/produce/eventBatches.js';
import { packGeneratedBatches, unpackBatch } from '../../../src/tools/produce/packBatch.js';

const writers = deriveWriterSchemas(projectSchemas().schemas.callback);
const request = {
  generate: {
    seed: 'worker', count: 9000, baseTime: Date.parse('2025-03-01T00:00:00Z'),
    campaigns: generateCampaigns(createRandom('c'), 3, 0), ratios: { unknownEnum: 0.1, evolved: 0.1, poison: 0.1 },
  },
  writers: {
    canonical: { schemaId: 11, schema: writers.canonical },
    unknownEnum: { schemaId: 12, schema: writers.unknownEnum },
    evolved: { schemaId: 13, schema: writers.evolved },
  },
  topic: 't', ahead: 2,
};
const codecs = {
  canonical: { schemaId: 11, type: avro.Type.forSchema(writers.canonical as avro.Schema) },
  unknownEnum: { schemaId: 12, type: avro.Type.forSchema(writers.unknownEnum as avro.Schema) },
  evolved: { schemaId: 13, type: avro.Type.forSchema(writers.evolved as avro.Schema) },
};
const sumKinds = (batches: EventBatch[]) => {
  const sum: Record<string, number> = {};
  for (const batch of batches) for (const [kind, n] of Object.entries(batch.kinds)) sum[kind] = (sum[kind] ?? 0) + n;
  return sum;
};
const flatten = (batches: EventBatch[]) => batches.flatMap((b) => b.records.map((r) => `${r.key?.toString('hex')}:${r.value?.toString('hex')}`));

describe('encodeInWorker', () => {
  it.each([1, 2, 3])('yields exactly the records the main thread would build, in order, from %i thread(s)', async (threads) => {
    const inline = [...generatedBatches(generateEvents(request.generate), codecs, 't', 300)];
    const fromWorker: EventBatch[] = [];
    for await (const batch of encodeInWorker(request, threads)) fromWorker.push(batch);
    // One batch per block of EVENTS_PER_BLOCK events; 9,000 events make blocks of 4,000, 4,000, 1,000.
    expect(fromWorker.map((b) => b.records.length)).toEqual([4000, 4000, 1000]);
    expect(sumKinds(fromWorker)).toEqual(sumKinds(inline));
    expect(flatten(fromWorker)).toEqual(flatten(inline));
  }, 60_000);

  it('stops the worker when the reader stops early', async () => {
    let seen = 0;
    for await (const batch of encodeInWorker({ ...request, generate: { ...request.generate, count: 1_000_000 } }, 2)) {
      seen += batch.records.length;
      if (seen >= 8000) break;
    }
    expect(seen).toBe(8000);
  }, 60_000);
});

describe('packGeneratedBatches', () => {
  it('writes the keys, values and tallies generatedBatches makes, into one buffer per batch', () => {
    const inline = [...generatedBatches(generateEvents(request.generate), codecs, 't', 300)];
    const packed = [...packGeneratedBatches(generateEvents(request.generate), codecs, 300)];
    expect(packed.map((p) => p.offsets.length / 3)).toEqual(inline.map((b) => b.records.length));
    const unpacked = packed.map((p) => unpackBatch(p, 't'));
    expect(unpacked.map((b) => b.kinds)).toEqual(inline.map((b) => b.kinds));
    expect(flatten(unpacked)).toEqual(flatten(inline));
  });

  it('grows its buffer when records outgrow the first guess, losing nothing', () => {
    // 512 bytes a record is the first guess; a batch of 1 with a long JSON poison record, and many
    // large records, both pass through the growth path.
    const events = [...generateEvents({ ...request.generate, count: 400 })];
    const inline = [...generatedBatches(events, codecs, 't', 1)];
    const packed = [...packGeneratedBatches(events, codecs, 1)];
    expect(flatten(packed.map((p) => unpackBatch(p, 't')))).toEqual(flatten(inline));
  });
});
