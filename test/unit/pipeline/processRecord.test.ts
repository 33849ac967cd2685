import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { decodeEnriched } from '../../../src/model/enrichedCodec.js';
import { encodeWire } from '../../../src/pipeline/encodeWire.js';
import { parseWireHeader } from '../../../src/pipeline/parseWireHeader.js';
import { processRecord } from '../../../src/pipeline/processRecord.js';
import { RegistryUnavailableError } from '../../../src/registry/registryErrors.js';
import { projectSchemas } from '../../../src/schemas/avroSchemas.js';
import { CAMPAIGN, canonicalValue, createDeps, inputRecord, NOW } from '../../helpers/pipelineDeps.js';
import { headerMap } from '../../helpers/headers.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const scheduled = {
  id: 'cb-1', state: 'SCHEDULED', direction: 'OUTBOUND', callbackNumbers: ['(317) 555-0123', 'nope'],
  callbackScheduledTime: NOW + 3_600_000, dialerPreview: { campaignId: 'camp-1' },
} as const;

describe('processRecord: a good record', () => {
  const deps = createDeps({ lookupCampaign: (id) => (id === 'camp-1' ? CAMPAIGN : undefined) });
  const record = inputRecord(canonicalValue(scheduled));
  const outcome = processRecord(record, deps);
  if (outcome.kind !== 'produce') throw new Error(`expected produce, got ${JSON.stringify(outcome)}`);
  const [output] = outcome.records;

  it('produces one record to the output topic with the input key', () => {
    expect(outcome.records).toHaveLength(1);
    expect(output?.topic).toBe('callbacks.enriched');
    expect(output?.key?.toString()).toBe('cb-1');
  });

  it('frames the value with the output schema id and the enriched record decodes back', () => {
    const header = parseWireHeader(output!.value);
    expect(header.ok && header.value.schemaId).toBe(77);
    const decoded = header.ok ? decodeEnriched(header.value.payload) : undefined;
    expect(decoded).toEqual(outcome.enriched);
  });

  it('enriches with the record context: eventId, source, eventTime = Kafka timestamp, processedAt = now, campaign', () => {
    const { enriched } = outcome;
    expect(enriched.eventId).toBe(sha256('callbacks.raw/2/1041'));
    expect(enriched.source).toEqual({ topic: 'callbacks.raw', partition: 2, offset: 1041, timestamp: NOW - 60_000, schemaId: 1 });
    expect(enriched.processedAt).toBe(NOW);
    expect(enriched.derived.scheduledInMs).toBe(3_600_000 + 60_000);
    expect(enriched.derived.callbackNumbersE164).toEqual(['+13175550123']);
    expect(enriched.campaign).toEqual(CAMPAIGN);
    expect(enriched.derived.outcome).toBe('SCHEDULED');
  });

  it('keeps the input headers and adds the trace headers', () => {
    const headers = headerMap(output!.headers);
    expect(headers).toEqual({
      traceparent: '00-abc-01',
      'source.topic': 'callbacks.raw',
      'source.partition': '2',
      'source.offset': '1041',
      'event.id': outcome.enriched.eventId,
    });
  });
});

describe('processRecord: routes', () => {
  it('adds one copy per matching route topic, same key, value and headers', () => {
    const deps = createDeps({ routes: [
      { topic: 'callbacks.scheduled', when: { outcome: ['SCHEDULED'] } },
      { topic: 'callbacks.inbound', when: { direction: ['INBOUND'] } },
      { topic: 'callbacks.enriched', when: {} }, // the output topic itself: never a second copy
    ] });
    const outcome = processRecord(inputRecord(canonicalValue(scheduled)), deps);
    if (outcome.kind !== 'produce') throw new Error('expected produce');
    expect(outcome.records.map((r) => r.topic)).toEqual(['callbacks.enriched', 'callbacks.scheduled']);
    const [main, copy] = outcome.records;
    expect(copy?.value).toEqual(main?.value);
    expect(copy?.key).toEqual(main?.key);
    expect(copy?.headers).toEqual(main?.headers);
  });
});

describe('processRecord: writers other than the canonical one', () => {
  it('reads a newer writer: the unknown symbol falls back and its raw value is kept', () => {
    const newer = avro.Type.forSchema(JSON.parse(readFileSync(new URL('../../fixtures/writers/newer.avsc', import.meta.url), 'utf8')) as avro.Schema);
    const deps = createDeps({}, new Map([[9, newer]]));
    const blank = Object.fromEntries((newer as avro.types.RecordType).fields.map((f) => [f.name, null]));
    const value = newer.toBuffer({ ...blank, state: 'PARKED', queueId: 'q-1' });
    const outcome = processRecord(inputRecord(encodeWire(9, value)), deps);
    if (outcome.kind !== 'produce') throw new Error(JSON.stringify(outcome));
    expect(outcome.enriched.callback.state).toBe('OutdatedSdkVersion');
    expect(outcome.enriched.unknownEnumValues).toEqual({ state: 'PARKED' });
    expect(outcome.enriched.source?.schemaId).toBe(9);
  });
});

describe('processRecord: failures that are not bad records', () => {
  it('turns a throw inside the core into MAPPING_ERROR flagged coreBug, naming the error', () => {
    const deps = createDeps({ lookupCampaign: () => { throw new TypeError('boom'); } });
    const outcome = processRecord(inputRecord(canonicalValue(scheduled)), deps);
    expect(outcome).toMatchObject({ kind: 'deadLetter', coreBug: true, rejection: { reason: 'MAPPING_ERROR', message: 'core bug: TypeError: boom', schemaId: 1 } });
  });

  it('rethrows a retriable error (a registry outage) instead of dead-lettering', () => {
    const deps = createDeps({ writerTypeFor: () => { throw new RegistryUnavailableError('registry down'); } });
    expect(() => processRecord(inputRecord(canonicalValue(scheduled)), deps)).toThrow(RegistryUnavailableError);
  });

  it('dead-letters a body claiming 2^30 callback numbers as DECODE_ERROR (avsc alone would exhaust the heap)', () => {
    const fields = (projectSchemas().types.callback as avro.types.RecordType).fields.map((f) => f.name);
    const before = fields.indexOf('callbackNumbers');
    // null branch for every earlier field, then the array branch and a block count of 2^30 (zigzag varint).
    const body = Buffer.from([...new Array<number>(before).fill(0), 0x02, 0x80, 0x80, 0x80, 0x80, 0x08]);
    const outcome = processRecord(inputRecord(encodeWire(1, body)), createDeps());
    expect(outcome).toMatchObject({ kind: 'deadLetter', coreBug: false, rejection: { reason: 'DECODE_ERROR', schemaId: 1 } });
  });

  it('dead-letters a tombstone as MAGIC_BYTE with its null value kept', () => {
    const outcome = processRecord(inputRecord(null), createDeps());
    expect(outcome).toMatchObject({ kind: 'deadLetter', coreBug: false, rejection: { reason: 'MAGIC_BYTE' }, record: { value: null } });
  });
});
