// Builders for processRecord tests: ProcessDeps with writer schemas by id, wire-encoded input
// records, and the poison corpus of test/fixtures/poison/.
import { readdirSync, readFileSync } from 'node:fs';
import avro from 'avsc';
import type { CampaignReference } from '../../src/model/types.js';
import { toAvroCallback } from '../../src/model/toAvroCallback.js';
import { encodeWire } from '../../src/pipeline/encodeWire.js';
import type { ProcessDeps } from '../../src/pipeline/processRecord.js';
import type { InputRecord } from '../../src/pipeline/types.js';
import { projectSchemas } from '../../src/schemas/avroSchemas.js';
import type { PoisonFixture } from '../fixtures/poison/generatePoisonCorpus.js';

export const CANONICAL_ID = 1;
export const NOW = Date.UTC(2024, 2, 7, 12, 0, 0);

export function createDeps(overrides: Partial<ProcessDeps> = {}, writers: Map<number, avro.Type> = new Map()): ProcessDeps {
  const types = new Map<number, avro.Type>([[CANONICAL_ID, projectSchemas().types.callback], ...writers]);
  return {
    writerTypeFor: (id) => types.get(id),
    lookupCampaign: () => undefined,
    defaultPhoneRegion: 'US',
    instanceId: 'test-worker',
    outputTopic: 'callbacks.enriched',
    dlqTopic: 'callbacks.dlq',
    outputSchemaId: 77,
    routes: [],
    now: NOW,
    ...overrides,
  };
}

export function inputRecord(value: Buffer | null, overrides: Partial<InputRecord> = {}): InputRecord {
  return {
    topic: 'callbacks.raw', partition: 2, offset: '1041', timestamp: NOW - 60_000,
    key: Buffer.from('cb-1'), value, headers: [{ key: 'traceparent', value: Buffer.from('00-abc-01') }], ...overrides,
  };
}

/** A callback in the canonical schema, framed with CANONICAL_ID. */
export function canonicalValue(callback: object): Buffer {
  return encodeWire(CANONICAL_ID, projectSchemas().types.callback.toBuffer(toAvroCallback(callback)));
}

export const CAMPAIGN: CampaignReference = {
  id: 'camp-1', name: 'Renewals', divisionId: null, timeZone: 'Europe/Berlin', contactListId: null, dialingMode: 'preview', updatedAt: null,
};

const POISON_DIR = new URL('../fixtures/poison/', import.meta.url);

export function loadPoisonCorpus(): PoisonFixture[] {
  return readdirSync(POISON_DIR).filter((f) => f.endsWith('.json')).sort()
    .map((f) => JSON.parse(readFileSync(new URL(f, POISON_DIR), 'utf8')) as PoisonFixture);
}

/** The writer Types the registry would serve for the corpus' ids. */
export function poisonWriters(corpus: PoisonFixture[]): Map<number, avro.Type> {
  const writers = new Map<number, avro.Type>();
  for (const f of corpus) if (f.schemaId !== null && f.writerSchema) writers.set(f.schemaId, avro.Type.forSchema(f.writerSchema as avro.Schema));
  return writers;
}
