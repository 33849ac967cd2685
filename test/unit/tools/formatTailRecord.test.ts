import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { enrich } from '../../../src/enrich/enrich.js';
import { encodeEnriched } from '../../../src/model/enrichedCodec.js';
import { mapGenesysJson } from '../../../src/model/mapGenesysJson.js';
import { encodeWire } from '../../../src/pipeline/encodeWire.js';
import type { InputRecord } from '../../../src/pipeline/types.js';
import { projectSchemas } from '../../../src/schemas/avroSchemas.js';
import { formatTailRecord, type TailContext } from '../../../src/tools/tail/formatTailRecord.js';
import { textHeaders } from '../../helpers/headers.js';

const { types } = projectSchemas();
const withBytes = avro.Type.forSchema({ type: 'record', name: 'Blob', fields: [{ name: 'data', type: 'bytes' }, { name: 'n', type: 'long' }] });
const context: TailContext = {
  dlqTopic: 'callbacks.dlq',
  enrichedType: types.enriched,
  writerTypeFor: (id) => ({ 1: types.callback, 2: types.enriched, 3: withBytes } as Record<number, avro.Type>)[id],
};
const record = (value: Buffer | null, extra: Partial<InputRecord> = {}): InputRecord => ({
  topic: 'callbacks.raw', partition: 1, offset: '7', timestamp: Date.parse('2025-03-01T10:00:00Z'), key: Buffer.from('k'), value, headers: [], ...extra,
});
const parse = (line: string) => JSON.parse(line) as Record<string, unknown>;

describe('formatTailRecord', () => {
  it('prints coordinates, key, headers and the value decoded with the writer schema, raw symbols as written', () => {
    const value = encodeWire(1, types.callback.toBuffer({ ...types.callback.random() as object, state: 'SCHEDULED', id: 'c-1' }));
    const line = parse(formatTailRecord(record(value, { headers: textHeaders({ 'trace-id': 't' }) }), context));
    expect(line).toMatchObject({ topic: 'callbacks.raw', partition: 1, offset: '7', timestamp: '2025-03-01T10:00:00.000Z', key: 'k', headers: [{ key: 'trace-id', value: 't' }], schemaId: 1 });
    expect(line.value).toMatchObject({ state: 'SCHEDULED', id: 'c-1' });
  });

  it('prints enriched records as the JSON view', () => {
    const mapped = mapGenesysJson({ id: 'e', state: 'CONNECTED', connectedTime: '2025-03-01T09:00:00Z' });
    if (!mapped.ok) throw new Error('fixture');
    const enriched = enrich(mapped.value, { eventId: 'a'.repeat(64), eventTime: 0, processedAt: Date.parse('2025-03-01T10:00:00Z'), defaultPhoneRegion: 'US', lookupCampaign: () => undefined, source: null });
    const line = parse(formatTailRecord(record(encodeWire(2, encodeEnriched(enriched))), context));
    expect(line.value).toMatchObject({ eventId: 'a'.repeat(64), callback: { connectedTime: '2025-03-01T09:00:00.000Z' }, derived: { outcome: 'CONNECTED' }, processedAt: '2025-03-01T10:00:00.000Z' });
  });

  it('names the reason a value does not decode and keeps its bytes', () => {
    const cases: Array<[Buffer, string]> = [
      [Buffer.from('{"json":true}'), 'MAGIC_BYTE'],
      [encodeWire(99, Buffer.from([2])), 'UNKNOWN_SCHEMA'],
      [encodeWire(1, Buffer.from([2, 0x80])), 'DECODE_ERROR'],
    ];
    for (const [value, reason] of cases) {
      const line = parse(formatTailRecord(record(value), context));
      expect((line.error as { reason: string }).reason).toBe(reason);
      expect(Buffer.from(line.valueBase64 as string, 'base64').equals(value)).toBe(true);
    }
  });

  it('prints dead letters (by topic or dlq.reason header) with headers and the raw value in base64', () => {
    const value = encodeWire(1, types.callback.toBuffer(types.callback.random()));
    for (const extra of [{ topic: 'callbacks.dlq' }, { headers: textHeaders({ 'dlq.reason': 'MAPPING_ERROR' }) }]) {
      const line = parse(formatTailRecord(record(value, extra), context));
      expect(line.value).toBe(value.toString('base64'));
      expect(line.schemaId).toBeUndefined();
    }
  });

  it('prints bytes as base64 and a null value (tombstone) as null', () => {
    const value = encodeWire(3, withBytes.toBuffer({ data: Buffer.from([1, 2, 3]), n: 5 }));
    expect(parse(formatTailRecord(record(value), context)).value).toEqual({ data: 'AQID', n: 5 });
    expect(parse(formatTailRecord(record(null, { key: null }), context))).toMatchObject({ key: null, value: null });
  });
});
