// CONTRACT §4: an Avro string that is not UTF-8 is a DECODE_ERROR in every decode path, the
// byte-copy fast path for canonical writers included, and the DLQ keeps the bytes untouched.
import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import avro from 'avsc';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEnriched, encodeEnriched } from '../../../src/model/enrichedCodec.js';
import { toAvroCallback } from '../../../src/model/toAvroCallback.js';
import type { ConversationNotificationCallback } from '../../../src/model/types.js';
import { checkAvroBounds } from '../../../src/model/checkAvroBounds.js';
import { encodeWire } from '../../../src/pipeline/encodeWire.js';
import { isUtf8Range } from '../../../src/model/isUtf8Range.js';
import { processRecord } from '../../../src/pipeline/processRecord.js';
import { projectSchemas } from '../../../src/schemas/avroSchemas.js';
import { arbitraryCallback } from '../../helpers/arbitraries.js';
import { createDeps, inputRecord, NOW } from '../../helpers/pipelineDeps.js';

const readWriter = (name: string) =>
  avro.Type.forSchema(JSON.parse(readFileSync(new URL(`../../fixtures/writers/${name}.avsc`, import.meta.url), 'utf8')) as avro.Schema);
const canonical = projectSchemas().types.callback;
const WRITERS = { canonical: { id: 1, type: canonical }, newer: { id: 5, type: readWriter('newer') }, older: { id: 6, type: readWriter('older') } };
const deps = createDeps({}, new Map([[5, WRITERS.newer.type], [6, WRITERS.older.type]]));

/** Byte sequences that are not UTF-8, one per way of being wrong. */
const INVALID: Record<string, number[]> = {
  'a lone continuation byte': [0x80],
  'a truncated 3-byte sequence': [0xe2, 0x82],
  'an overlong 2-byte NUL': [0xc0, 0x80],
  'an overlong 3-byte slash': [0xe0, 0x80, 0xaf],
  'an encoded surrogate (CESU-8)': [0xed, 0xa0, 0x80],
  'a code point above U+10FFFF': [0xf4, 0x90, 0x80, 0x80],
  'a 0xFF byte': [0xff],
  'a lead byte followed by ASCII': [0xc3, 0x41],
};

describe('isUtf8Range', () => {
  it.each(Object.entries(INVALID))('rejects %s, alone and inside ASCII', (_name, bytes) => {
    expect(isUtf8Range(Buffer.from(bytes), 0, bytes.length)).toBe(false);
    const padded = Buffer.from([0x61, ...bytes, 0x62]);
    expect(isUtf8Range(padded, 0, padded.length)).toBe(false);
  });

  it('agrees with Node\'s isUtf8 on random bytes, biased towards multi-byte leads', () => {
    const byte = fc.oneof(fc.integer({ min: 0, max: 0xff }), fc.integer({ min: 0x80, max: 0xbf }), fc.constantFrom(0xc2, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5));
    fc.assert(fc.property(fc.array(byte, { maxLength: 12 }), (bytes) => {
      const buf = Buffer.from(bytes);
      return isUtf8Range(buf, 0, buf.length) === isUtf8(buf);
    }), { numRuns: 20_000 });
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (text) => {
      const buf = Buffer.from(text);
      return isUtf8Range(buf, 0, buf.length);
    }));
  });

  it('accepts ASCII, 2-, 3- and 4-byte characters, and checks only its range', () => {
    const text = Buffer.from('a é € 😀 z');
    expect(isUtf8Range(text, 0, text.length)).toBe(true);
    const framed = Buffer.from([0xff, ...text, 0x80]);
    expect(isUtf8Range(framed, 1, framed.length - 1)).toBe(true);
    expect(isUtf8Range(framed, 0, framed.length)).toBe(false);
  });
});

describe('checkAvroBounds: strings are UTF-8, bytes are anything', () => {
  const body = (...parts: number[][]) => Buffer.from(parts.flat());
  const str = (bytes: number[]) => [bytes.length * 2, ...bytes]; // zigzag length < 64

  it.each([
    ['a string', 'string', body(str([0x61, 0xff]))],
    ['a union branch', ['null', 'string'], body([2], str([0xc0, 0x80]))],
    ['an array item', { type: 'array', items: 'string' }, body([4], str([0x61]), str([0xed, 0xa0, 0x80]), [0])],
    ['a map key', { type: 'map', values: 'int' }, body([2], str([0x80]), [2], [0])],
    ['a map value', { type: 'map', values: 'string' }, body([2], str([0x6b]), str([0xe2, 0x82]), [0])],
    ['a nested record field', { type: 'record', name: 'R', fields: [{ name: 'inner', type: { type: 'record', name: 'I', fields: [{ name: 's', type: 'string' }] } }] }, body(str([0xf8]))],
  ] as const)('rejects invalid UTF-8 in %s and says so', (_where, schema, bytes) => {
    expect(checkAvroBounds(avro.Type.forSchema(schema as avro.Schema), bytes)).toMatch(/invalid UTF-8/);
  });

  it('leaves bytes and fixed alone', () => {
    expect(checkAvroBounds(avro.Type.forSchema('bytes'), body(str([0xff, 0x80])))).toBeUndefined();
    expect(checkAvroBounds(avro.Type.forSchema({ type: 'fixed', name: 'F', size: 2 }), body([0xff, 0x80]))).toBeUndefined();
  });
});

/**
 * A callback of `writer` whose string at one place (set by `place` to a marker) holds `bytes`:
 * encoded twice with markers of the same length, the differing bytes are where the marker sits.
 */
function withBytesAt(writer: avro.Type, base: ConversationNotificationCallback, place: Place, bytes: Buffer): Buffer {
  const encode = (fill: string) => writer.toBuffer(place.set(toAvroCallback(base) as Record<string, unknown>, fill.repeat(bytes.length)));
  const a = encode('A');
  const b = encode('B');
  const start = a.findIndex((byte, i) => byte !== b[i]);
  const out = Buffer.from(a);
  bytes.copy(out, start);
  return out;
}

interface Place { name: string; writers: Array<keyof typeof WRITERS>; set(record: Record<string, unknown>, marker: string): Record<string, unknown> }

const everywhere: Array<keyof typeof WRITERS> = ['canonical', 'newer', 'older'];
const PLACES: Place[] = [
  { name: 'id', writers: everywhere, set: (r, m) => ({ ...r, id: m }) },
  { name: 'callbackNumbers[1]', writers: everywhere, set: (r, m) => ({ ...r, callbackNumbers: ['+13175550123', m] }) },
  { name: 'additionalProperties (a value in its JSON text)', writers: everywhere, set: (r, m) => ({ ...r, additionalProperties: JSON.stringify({ note: m }) }) },
  { name: 'additionalProperties (a key in its JSON text)', writers: everywhere, set: (r, m) => ({ ...r, additionalProperties: JSON.stringify({ [m]: 1 }) }) },
  { name: 'dialerPreview.phoneNumberColumns[0].columnName', writers: ['canonical', 'newer'], set: (r, m) => ({ ...r, dialerPreview: { id: null, contactId: null, contactListId: null, campaignId: null, phoneNumberColumns: [{ columnName: m, type: null, additionalProperties: null }], additionalProperties: null } }) },
  { name: 'voicemail.id', writers: ['canonical', 'newer'], set: (r, m) => ({ ...r, voicemail: { id: m, uploadStatus: null } }) },
  { name: 'queueId (a field only the newer writer has)', writers: ['newer'], set: (r, m) => ({ ...r, queueId: m }) },
  { name: 'state (an enum the older writer sends as a string)', writers: ['older'], set: (r, m) => ({ ...r, state: m }) },
];
const CASES = PLACES.flatMap((place) => place.writers.map((writer) => [`${writer}: ${place.name}`, writer, place] as const));
const BASE: ConversationNotificationCallback = { id: 'cb-1', state: 'CONNECTED', callbackNumbers: ['+13175550123'] };

describe('processRecord: invalid UTF-8 in any string of any writer is a DECODE_ERROR', () => {
  it.each(CASES)('%s', (_name, writer, place) => {
    const { id, type } = WRITERS[writer];
    const value = encodeWire(id, withBytesAt(type, BASE, place, Buffer.from(INVALID['an encoded surrogate (CESU-8)']!)));
    const outcome = processRecord(inputRecord(value), deps);
    expect(outcome.kind).toBe('deadLetter');
    if (outcome.kind !== 'deadLetter') return;
    expect(outcome.rejection).toMatchObject({ reason: 'DECODE_ERROR', schemaId: id });
    expect(outcome.rejection.message).toMatch(/invalid UTF-8/);
    expect(outcome.coreBug).toBe(false);
    expect(outcome.record.value?.equals(value)).toBe(true);
  });

  const invalidSequence = fc.oneof(
    fc.constantFrom(...Object.values(INVALID)),
    fc.integer({ min: 0x80, max: 0xbf }).map((b) => [b]),
    fc.integer({ min: 0xf5, max: 0xff }).map((b) => [b]),
    fc.tuple(fc.integer({ min: 0xc2, max: 0xdf }), fc.integer({ min: 0, max: 0x7f })).map(([a, b]) => [a, b]),
  ).map((bytes) => Buffer.from(bytes));
  // Nothing JSON would have to escape: some places sit inside the JSON text of additionalProperties.
  const validSequence = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 })
    .filter((text) => !/["\\\u0000-\u001f]/.test(text)).map((text) => Buffer.from(text, 'utf8'));
  const surrounded = (inner: fc.Arbitrary<Buffer>) =>
    fc.tuple(fc.stringMatching(/^[a-z]{0,3}$/), inner, fc.stringMatching(/^[a-z]{0,3}$/))
      .map(([before, bytes, after]) => Buffer.concat([Buffer.from(before), bytes, Buffer.from(after)]));

  it('property: random invalid sequences in any string field → DECODE_ERROR, bytes untouched', () => {
    fc.assert(fc.property(arbitraryCallback(), fc.constantFrom(...CASES), surrounded(invalidSequence), (callback, [, writer, place], bytes) => {
      const { id, type } = WRITERS[writer];
      const value = encodeWire(id, withBytesAt(type, callback, place, bytes));
      const outcome = processRecord(inputRecord(value), deps);
      return outcome.kind === 'deadLetter' && outcome.rejection.reason === 'DECODE_ERROR' && !outcome.coreBug
        && outcome.record.value === value;
    }), { numRuns: 300 });
  });

  it('property: valid UTF-8 in the same places produces, and the output decodes strictly', () => {
    fc.assert(fc.property(arbitraryCallback(), fc.constantFrom(...CASES), surrounded(validSequence), (callback, [, writer, place], bytes) => {
      const { id, type } = WRITERS[writer];
      const outcome = processRecord(inputRecord(encodeWire(id, withBytesAt(type, callback, place, bytes))), deps);
      if (outcome.kind !== 'produce') return false;
      const payload = outcome.records[0]!.value!.subarray(5);
      expect(decodeEnriched(payload)).toEqual(outcome.enriched);
      return true;
    }), { numRuns: 300 });
  });
});

describe('decodeEnriched (tail\'s reader of the output) is strict too', () => {
  it('refuses an enriched record holding invalid UTF-8', () => {
    const bytes = encodeEnriched({
      eventId: 'e'.repeat(64), callback: { id: 'cb-ZZ' }, unknownEnumValues: {}, campaign: null, source: null, processedAt: NOW,
      derived: {
        outcome: 'PENDING', isTerminal: false, connectedDurationMs: null, holdDurationMs: null, scheduledInMs: null,
        callbackNumbersE164: [], invalidCallbackNumbers: [], hasVoicemail: false, isDialerPreview: false, scheduledLocalTime: null,
      },
    });
    const at = bytes.indexOf('cb-ZZ');
    bytes[at + 3] = 0xc0;
    bytes[at + 4] = 0x80;
    expect(() => decodeEnriched(bytes)).toThrow(/invalid UTF-8/);
  });
});
