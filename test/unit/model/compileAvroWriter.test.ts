// The compiled writers must write avsc's bytes exactly (the output topic's bytes must not move),
// for every value avsc accepts, and refuse (ok cleared, nothing thrown) what avsc rejects.
import fc from 'fast-check';
import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { compileAvroWriter, type AvroWrite, type WriteCursor } from '../../../src/model/compileAvroWriter.js';
import { encodeEnrichedFromInput } from '../../../src/model/enrichedCodec.js';
import { toAvscCallback } from '../../../src/model/toAvroCallback.js';
import { projectSchemas } from '../../../src/schemas/avroSchemas.js';
import { arbitraryAnyString, arbitraryCallback } from '../../helpers/arbitraries.js';

const { schemas, types } = projectSchemas();
const { fields, namespace } = schemas.enriched;
const tailType = avro.Type.forSchema({ type: 'record', name: 'EnrichedTail', namespace, fields: fields.slice(2) } as avro.Schema);
const writeTail = compileAvroWriter(tailType);
const writeEnriched = compileAvroWriter(types.enriched);

function writeWith(write: AvroWrite, value: unknown, size = 64 * 1024): WriteCursor {
  const cursor = { buf: Buffer.alloc(size), pos: 0, ok: true };
  write(cursor, value);
  return cursor;
}
function bytesOf(write: AvroWrite, value: unknown): Buffer {
  const cursor = writeWith(write, value);
  expect(cursor.ok).toBe(true);
  return cursor.buf.subarray(0, cursor.pos);
}

// Strings of every kind avsc writes differently: ASCII, other BMP, astral pairs, lone
// surrogates (three bytes by avsc's own loop up to 64 bytes, U+FFFD past it), and long ones.
const anyString = fc.oneof(arbitraryAnyString(), arbitraryAnyString(90), fc.string({ unit: 'grapheme', maxLength: 70 }), fc.constant(''));
const nullable = <T>(arbitrary: fc.Arbitrary<T>) => fc.oneof(fc.constant(null), arbitrary);
// A field with a default may be left undefined: avsc then writes the default.
const defaulted = <T>(arbitrary: fc.Arbitrary<T>) => fc.oneof(fc.constant(undefined), fc.constant(null), arbitrary);
const long = fc.oneof(fc.integer(), fc.maxSafeInteger().filter((n) => Math.abs(n) <= 9_007_199_254_740_990), fc.constantFrom(0, -1, 2 ** 30, -(2 ** 30) - 1, 2 ** 31));
const int = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
const outcome = fc.constantFrom(...(schemas.enriched.fields[3]!.type as { fields: Array<{ type: { symbols: string[] } }> }).fields[0]!.type.symbols);

const arbitraryTail = fc.record({
  unknownEnumValues: fc.dictionary(anyString, anyString, { maxKeys: 4, noNullPrototype: true }),
  derived: fc.record({
    outcome, isTerminal: fc.boolean(),
    connectedDurationMs: defaulted(long), holdDurationMs: defaulted(long), scheduledInMs: defaulted(long),
    callbackNumbersE164: fc.array(anyString, { maxLength: 3 }), invalidCallbackNumbers: fc.array(anyString, { maxLength: 3 }),
    hasVoicemail: fc.boolean(), isDialerPreview: fc.boolean(), scheduledLocalTime: defaulted(anyString),
  }),
  campaign: nullable(fc.record({
    id: anyString, name: anyString, divisionId: defaulted(anyString), timeZone: anyString,
    contactListId: defaulted(anyString), dialingMode: defaulted(anyString), updatedAt: defaulted(long),
  })),
  source: nullable(fc.record({ topic: anyString, partition: int, offset: long, timestamp: long, schemaId: int })),
  processedAt: long,
});

describe('compileAvroWriter', () => {
  it('writes the enriched tail exactly as avsc does: unicode, lone surrogates, nulls of every union, defaults', () => {
    fc.assert(fc.property(arbitraryTail, (tail) => {
      expect(bytesOf(writeTail, tail).equals(tailType.toBuffer(tail))).toBe(true);
    }), { numRuns: 2_000 });
  });

  it('writes a whole enriched record, free-form fields as JSON text, exactly as avsc does', () => {
    fc.assert(fc.property(arbitraryCallback(), arbitraryTail, fc.string({ minLength: 64, maxLength: 64 }), (callback, tail, eventId) => {
      const value = { eventId, callback: toAvscCallback(callback), ...tail };
      expect(bytesOf(writeEnriched, value).equals(types.enriched.toBuffer(value))).toBe(true);
    }), { numRuns: 500 });
  });

  it.each([
    ['an int beyond 32 bits', (t: Record<string, any>) => { t.source = { ...t.source, partition: 2 ** 40 }; }],
    ['a long beyond avsc\'s safe range', (t: Record<string, any>) => { t.processedAt = 2 ** 60; }],
    ['a fractional long', (t: Record<string, any>) => { t.derived.holdDurationMs = 1.5; }],
    ['an unknown enum symbol', (t: Record<string, any>) => { t.derived.outcome = 'MAYBE'; }],
    ['a string that is a number', (t: Record<string, any>) => { t.derived.callbackNumbersE164 = [13175550123]; }],
    ['a missing field without default', (t: Record<string, any>) => { delete t.derived.isTerminal; }],
    ['a map value that is not a string', (t: Record<string, any>) => { t.unknownEnumValues = { state: null }; }],
    ['an undefined record without default', (t: Record<string, any>) => { t.derived = undefined; }],
    ['an array where a record goes', (t: Record<string, any>) => { t.campaign = []; }],
  ])('refuses %s, as avsc does, without throwing', (_, spoil) => {
    const tail = fc.sample(arbitraryTail, { numRuns: 1, seed: 42 })[0]! as Record<string, any>;
    tail.source = { topic: 't', partition: 1, offset: 2, timestamp: 3, schemaId: 4 };
    spoil(tail);
    expect(writeWith(writeTail, tail).ok).toBe(false);
    expect(() => tailType.toBuffer(tail)).toThrow();
  });

  it('drops what does not fit the buffer, without throwing, and says how far it would go (the caller grows it)', () => {
    fc.assert(fc.property(arbitraryTail, fc.integer({ min: 0, max: 40 }), (tail, size) => {
      const cursor = writeWith(writeTail, tail, size);
      expect(cursor.ok).toBe(true);
      expect(cursor.pos).toBe(tailType.toBuffer(tail).length);
    }), { numRuns: 300 });
  });

  it('leaves a record that avsc rejects to avsc, whose message ENCODE_ERROR reports', () => {
    const value = { ...fc.sample(arbitraryTail, { numRuns: 1, seed: 3 })[0]!, eventId: 'e', callback: {} };
    const spoiled = { ...value, source: { topic: 't', partition: 2 ** 40, offset: 0, timestamp: 0, schemaId: 1 } };
    const payload = types.callback.toBuffer(toAvscCallback(fc.sample(arbitraryCallback(), { numRuns: 1, seed: 3 })[0]!));
    expect(() => encodeEnrichedFromInput(spoiled as never, { writerType: types.callback, payload })).toThrow(/invalid "int": 1099511627776/);
  });
});
