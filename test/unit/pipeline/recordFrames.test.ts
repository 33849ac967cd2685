import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createFrameWriter, readInputFrames, readOutputFrames } from '../../../src/pipeline/recordFrames.js';
import type { InputRecord } from '../../../src/pipeline/types.js';

const bytes = fc.option(fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)), { nil: null });
const headers = fc.array(fc.record({ key: fc.string({ maxLength: 12 }), value: bytes }), { maxLength: 4 });
const input: fc.Arbitrary<InputRecord> = fc.record({
  topic: fc.constantFrom('callbacks.raw', 'callbacks.enriched', 'tópico'),
  partition: fc.nat({ max: 2 ** 31 - 1 }),
  offset: fc.bigInt({ min: 0n, max: 2n ** 53n - 1n }).map(String),
  timestamp: fc.integer({ min: 0, max: 2 ** 45 }),
  key: bytes,
  value: bytes,
  headers,
});

describe('recordFrames', () => {
  it('gives back the consumed records it packed: nulls, repeated header keys and large offsets included', () => {
    fc.assert(fc.property(fc.array(input, { maxLength: 20 }), (records) => {
      const writer = createFrameWriter(16); // small, so growing the buffer is exercised
      for (const record of records) writer.write(record, record);
      expect(readInputFrames(writer.finish())).toEqual(records);
    }));
  });

  it('gives back records to send with topic, key, value and headers only: no partition reaches the producer', () => {
    fc.assert(fc.property(fc.array(input, { maxLength: 10 }), (records) => {
      const writer = createFrameWriter();
      for (const { topic, key, value, headers: h } of records) writer.write({ topic, key, value, headers: h });
      const read = readOutputFrames(writer.finish());
      expect(read).toEqual(records.map(({ topic, key, value, headers: h }) => ({ topic, key, value, headers: h })));
      for (const record of read) expect(Object.keys(record).sort()).toEqual(['headers', 'key', 'topic', 'value']);
    }));
  });

  it('starts over after finish: the next buffer holds only what came after', () => {
    const writer = createFrameWriter();
    const first: InputRecord = { topic: 'a', partition: 0, offset: '1', timestamp: 5, key: null, value: Buffer.from('x'), headers: [] };
    const second: InputRecord = { ...first, topic: 'b', offset: '2', headers: [{ key: 'h', value: null }] };
    writer.write(first, first);
    expect(readInputFrames(writer.finish())).toEqual([first]);
    writer.write(second, second);
    expect(readInputFrames(writer.finish())).toEqual([second]);
  });
});
