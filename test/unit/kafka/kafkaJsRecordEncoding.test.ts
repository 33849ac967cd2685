// KafkaJS's record-batch encoding as patches/kafkajs+2.2.4.patch leaves it (records written in one
// buffer each, the batch in one buffer with its CRC written in place, CRC32C eight bytes a step,
// grouping by partition without copies): the bytes must still be what Kafka reads. Each batch is
// decoded back with KafkaJS's own decoder and its CRC checked against a byte-at-a-time CRC32C.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);

type HeaderValue = Buffer | string | null | undefined;
interface Message {
  key: Buffer | string | null;
  value: Buffer | string | null;
  headers?: Record<string, HeaderValue | HeaderValue[]>;
}
interface EncoderLike { buffer: Buffer; size(): number }
interface DecodedRecord { key: Buffer | null; value: Buffer | null; headers: Record<string, Buffer | null | Array<Buffer | null>>; offset: string; timestamp: string }

const Record = require('kafkajs/src/protocol/recordBatch/record/v0/index.js') as (record: Message & { offsetDelta: number; timestampDelta: number }) => EncoderLike;
const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0/index.js') as { RecordBatch(options: object): Promise<EncoderLike> };
const Long = require('kafkajs/src/utils/long.js') as { fromValue(value: number): unknown };
const Decoder = require('kafkajs/src/protocol/decoder.js') as new (buffer: Buffer) => unknown;
const decodeBatch = require('kafkajs/src/protocol/recordBatch/v0/decoder.js') as (decoder: unknown) => Promise<{ records: DecodedRecord[] }>;
const crc32C = require('kafkajs/src/protocol/recordBatch/crc32C/index.js') as (buffer: Buffer) => number;
const groupMessagesPerPartition = require('kafkajs/src/producer/groupMessagesPerPartition.js') as (options: object) => Record<string, Message[]>;

/** CRC32C (Castagnoli, reflected 0x82f63b78) one bit at a time: slow, and obviously right. */
function referenceCrc32C(buffer: Buffer): number {
  let crc = ~0;
  for (const byte of buffer) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return ~crc >>> 0;
}

const toBuffer = (value: Buffer | string | null | undefined): Buffer | null => (value === null || value === undefined ? null : Buffer.from(value));

/** Headers as the decoder gives them back: a repeated key as an array, every value a Buffer or null. */
function expectedHeaders(headers: Message['headers']): DecodedRecord['headers'] {
  const out: DecodedRecord['headers'] = {};
  for (const [key, value] of Object.entries(headers ?? {})) {
    out[key] = Array.isArray(value) ? value.map(toBuffer) : toBuffer(value);
  }
  return out;
}

async function roundTrip(messages: Message[], timestampDeltas: number[]): Promise<{ batch: Buffer; records: DecodedRecord[] }> {
  const records = messages.map((message, i) => Record({ ...message, offsetDelta: i, timestampDelta: timestampDeltas[i] ?? 0 }));
  const encoded = await RecordBatch({
    records, firstTimestamp: 1_700_000_000_000, maxTimestamp: 1_700_000_000_100,
    producerId: Long.fromValue(4711), producerEpoch: 3, firstSequence: 42, transactional: true, lastOffsetDelta: records.length - 1,
  });
  expect(encoded.size()).toBe(encoded.buffer.length);
  const decoded = await decodeBatch(new Decoder(encoded.buffer));
  return { batch: encoded.buffer, records: decoded.records };
}

const MESSAGES: Message[] = [
  { key: 'conversation-1', value: Buffer.from('small') },
  { key: null, value: null },
  { key: Buffer.alloc(0), value: Buffer.alloc(0), headers: {} },
  // Above the encoder's 512-byte start size, and a varint length of three bytes.
  { key: 'ü-key', value: randomBytes(20_000), headers: { 'source.offset': '17', traceparent: Buffer.from('00-abc-01') } },
  // Repeated keys in order, a null value, an undefined value (written as null), an empty key, multi-byte text.
  { key: 'k', value: 'text value é', headers: { a: [Buffer.from('1'), null, 'drei'], '': null, ü: 'ß', b: undefined } },
];

describe('KafkaJS record-batch encoding (patched)', () => {
  it('decodes back to the same keys, values, headers and offsets, with a valid CRC32C', async () => {
    const deltas = [0, 5, 2 ** 31 + 5, -3, 12_345_678_901];
    const { batch, records } = await roundTrip(MESSAGES, deltas);
    expect(records).toHaveLength(MESSAGES.length);
    records.forEach((record, i) => {
      const message = MESSAGES[i]!;
      expect(record.key).toEqual(toBuffer(message.key));
      expect(record.value).toEqual(toBuffer(message.value));
      expect(record.headers).toEqual(expectedHeaders(message.headers));
      expect(record.offset).toBe(String(i));
      expect(record.timestamp).toBe(String(1_700_000_000_000 + deltas[i]!));
    });
    // firstOffset(8) length(4) leaderEpoch(4) magic(1) crc(4), then the body the CRC covers.
    expect(batch.readInt32BE(8)).toBe(batch.length - 12);
    expect(batch.readUInt32BE(17)).toBe(referenceCrc32C(batch.subarray(21)));
  });

  it('encodes a batch of many records of random sizes the same way', async () => {
    const messages: Message[] = Array.from({ length: 300 }, (_, i) => ({
      key: `key-${i}`, value: randomBytes((i * 37) % 3_000), headers: { n: String(i), ...(i % 3 === 0 ? { r: ['x', 'y'] } : {}) },
    }));
    const { batch, records } = await roundTrip(messages, messages.map((_, i) => i));
    expect(records.map((r) => r.value)).toEqual(messages.map((m) => m.value));
    expect(records.map((r) => r.headers)).toEqual(messages.map((m) => expectedHeaders(m.headers)));
    expect(batch.readUInt32BE(17)).toBe(referenceCrc32C(batch.subarray(21)));
  });
});

describe('KafkaJS crc32C (patched, eight bytes a step)', () => {
  it('gives the standard check value and agrees with the reference at every length and alignment', () => {
    expect(crc32C(Buffer.from('123456789'))).toBe(0xe3069283);
    const data = randomBytes(2_100);
    for (let length = 0; length <= 70; length += 1) {
      for (let start = 0; start < 8; start += 1) {
        const slice = data.subarray(start, start + length);
        expect(crc32C(slice)).toBe(referenceCrc32C(slice));
      }
    }
    expect(crc32C(data)).toBe(referenceCrc32C(data));
  });
});

describe('KafkaJS groupMessagesPerPartition (patched)', () => {
  it('keeps every message in its order within its partition', () => {
    const messages: Message[] = Array.from({ length: 100 }, (_, i) => ({ key: String(i), value: null }));
    const grouped = groupMessagesPerPartition({
      topic: 't', partitionMetadata: [{}, {}, {}], messages,
      partitioner: ({ message }: { message: Message }) => Number(message.key) % 3,
    });
    expect(Object.keys(grouped)).toEqual(['0', '1', '2']);
    for (const [partition, list] of Object.entries(grouped)) {
      expect(list.map((m) => Number(m.key))).toEqual(messages.map((m) => Number(m.key)).filter((n) => n % 3 === Number(partition)));
    }
  });

  it('gives nothing without partition metadata', () => {
    expect(groupMessagesPerPartition({ topic: 't', partitionMetadata: [], messages: [{ key: 'a', value: null }], partitioner: () => 0 })).toEqual({});
  });
});
