import avro from 'avsc';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAvroBounds, MAX_ZERO_BYTE_ITEMS } from '../../../src/model/checkAvroBounds.js';
import { projectSchemas } from '../../../src/schemas/avroSchemas.js';
import { toAvroCallback } from '../../../src/model/toAvroCallback.js';
import { arbitraryCallback } from '../../helpers/arbitraries.js';

const strings = avro.Type.forSchema({ type: 'array', items: 'string' });
const nulls = avro.Type.forSchema({ type: 'array', items: 'null' });
const zigzag = (n: number) => { // Avro's long encoding, for hand-made block counts
  let v = n >= 0 ? n * 2 : -n * 2 - 1;
  const out: number[] = [];
  while (v >= 128) { out.push((v % 128) | 0x80); v = Math.floor(v / 128); }
  out.push(v);
  return out;
};

describe('checkAvroBounds', () => {
  it('rejects a block count the bytes cannot hold (avsc would exhaust the heap on it)', () => {
    expect(checkAvroBounds(strings, Buffer.from([...zigzag(2 ** 30), 0]))).toMatch(/does not fit/);
    expect(checkAvroBounds(strings, Buffer.from([...zigzag(-(2 ** 30)), ...zigzag(4), 0]))).toMatch(/does not fit/);
  });

  it('rejects a later block that overstates its count after a good first block', () => {
    expect(checkAvroBounds(strings, Buffer.from([...zigzag(1), 2, 0x61, ...zigzag(2 ** 40)]))).toMatch(/does not fit/);
  });

  it('caps arrays of zero-byte items, which no length can bound', () => {
    expect(checkAvroBounds(nulls, Buffer.from([...zigzag(MAX_ZERO_BYTE_ITEMS), 0]))).toBeUndefined();
    expect(checkAvroBounds(nulls, Buffer.from([...zigzag(MAX_ZERO_BYTE_ITEMS + 1), 0]))).toMatch(/does not fit/);
  });

  it('rejects a string longer than the rest, a bad union branch and a bad enum index', () => {
    expect(checkAvroBounds(avro.Type.forSchema('string'), Buffer.from([...zigzag(10), 0x61]))).toMatch(/does not fit/);
    expect(checkAvroBounds(avro.Type.forSchema(['null', 'string']), Buffer.from(zigzag(2)))).toMatch(/does not fit/);
    expect(checkAvroBounds(avro.Type.forSchema({ type: 'enum', name: 'E', symbols: ['A'] }), Buffer.from(zigzag(1)))).toMatch(/does not fit/);
  });

  it('reports trailing bytes', () => {
    expect(checkAvroBounds(strings, Buffer.from([0, 0]))).toMatch(/trailing data: 1 bytes/);
  });

  it('accepts every value avsc encodes, including recursive and logical types', () => {
    class DateType extends avro.types.LogicalType {
      override _fromValue(value: number) { return new Date(value); }
      override _toValue(date: unknown) { return date instanceof Date ? date.getTime() : date; }
    }
    const tree = avro.Type.forSchema({ type: 'record', name: 'Node', fields: [
      { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
      { name: 'children', type: { type: 'array', items: 'Node' } },
      { name: 'tags', type: { type: 'map', values: ['null', 'double', { type: 'fixed', name: 'F', size: 2 }] } },
    ] }, { logicalTypes: { 'timestamp-millis': DateType } });
    expect((tree as avro.types.RecordType).field('at')?.type.typeName).toBe('logical:timestamp-millis');
    const value = { at: new Date(5), children: [{ at: new Date(6), children: [], tags: { a: 1.5, b: null, c: Buffer.from('xy') } }], tags: {} };
    expect(checkAvroBounds(tree, tree.toBuffer(value))).toBeUndefined();
    const callback = projectSchemas().types.callback;
    fc.assert(fc.property(arbitraryCallback(), (c) => checkAvroBounds(callback, callback.toBuffer(toAvroCallback(c))) === undefined));
  });

  it('flags every truncation of a real callback, as avsc itself would', () => {
    const callback = projectSchemas().types.callback;
    fc.assert(fc.property(arbitraryCallback(), fc.nat(), (c, cut) => {
      const bytes = callback.toBuffer(toAvroCallback(c));
      const short = bytes.subarray(0, cut % bytes.length);
      return checkAvroBounds(callback, short) !== undefined;
    }));
  });
});
