import { describe, expect, it } from 'vitest';
import { collectSchemaIds } from '../../../src/pipeline/collectSchemaIds.js';
import { encodeWire } from '../../../src/pipeline/encodeWire.js';
import { parseWireHeader } from '../../../src/pipeline/parseWireHeader.js';

describe('parseWireHeader', () => {
  it.each([
    ['null (a tombstone)', null],
    ['0 bytes', Buffer.alloc(0)],
    ['1 byte', Buffer.from([0])],
    ['2 bytes', Buffer.from([0, 0])],
    ['3 bytes', Buffer.from([0, 0, 0])],
    ['4 bytes', Buffer.from([0, 0, 0, 1])],
  ])('rejects %s as MAGIC_BYTE instead of throwing', (_, value) => {
    const result = parseWireHeader(value);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.reason).toBe('MAGIC_BYTE');
  });

  it.each([1, 0x7b, 0xff])('rejects magic byte %i and names it', (magic) => {
    const result = parseWireHeader(Buffer.from([magic, 0, 0, 0, 7, 2, 4]));
    expect(result).toEqual({ ok: false, error: { reason: 'MAGIC_BYTE', message: `magic byte is ${magic}, expected 0` } });
  });

  it('reads the id big-endian and keeps the body, even an empty one', () => {
    const header = parseWireHeader(Buffer.from([0, 0x01, 0x02, 0x03, 0x04]));
    expect(header).toEqual({ ok: true, value: { schemaId: 0x01020304, payload: Buffer.alloc(0) } });
    const big = parseWireHeader(Buffer.from([0, 0xff, 0xff, 0xff, 0xfe, 9]));
    expect(big.ok && big.value.schemaId).toBe(0xfffffffe);
    expect(big.ok && [...big.value.payload]).toEqual([9]);
  });
});

describe('encodeWire', () => {
  it('frames a body so parseWireHeader gives back the id and the body', () => {
    const body = Buffer.from([1, 2, 3]);
    const framed = encodeWire(300, body);
    expect([...framed]).toEqual([0, 0, 0, 1, 44, 1, 2, 3]);
    expect(parseWireHeader(framed)).toEqual({ ok: true, value: { schemaId: 300, payload: body } });
  });

  it.each([-1, 1.5, 2 ** 32])('refuses id %d, which the header cannot carry', (id) => {
    expect(() => encodeWire(id, Buffer.alloc(0))).toThrow(RangeError);
  });
});

describe('collectSchemaIds', () => {
  it('collects each id once and skips values without a wire header', () => {
    const values = [encodeWire(3, Buffer.alloc(1)), null, Buffer.from('{}'), encodeWire(5, Buffer.alloc(0)), encodeWire(3, Buffer.alloc(2))];
    expect(collectSchemaIds(values.map((value) => ({ value })))).toEqual(new Set([3, 5]));
  });
});
