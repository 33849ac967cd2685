// The fuzz scenario's records: values and headers Kafka accepts but a worker may choke on, mixed
// with valid ones. Each case says what the worker must do with it (enrich it, dead-letter it for
// a given reason, or either when a mutation may still decode). Pure and seeded.
import { createRandom, type Random } from '../../src/tools/generate/createRandom.js';

export type FuzzExpectation = 'enriched' | 'MAGIC_BYTE' | 'UNKNOWN_SCHEMA' | 'DECODE_ERROR' | 'any';

export interface FuzzCase {
  id: number;
  kind: FuzzKind;
  key: Buffer | null;
  value: Buffer | null;
  /** In order, as Kafka carries them: names may repeat or be empty, values may be null. */
  headers: Array<[string, Buffer | null]>;
  expect: FuzzExpectation;
}

export interface FuzzInput {
  seed: string;
  count: number;
  /** Valid wire-format values (magic byte, registered schema id, Avro body). */
  valid: readonly Buffer[];
  /** A valid value with `marker` (ASCII) inside one of its Avro strings. */
  utf8Carrier: { value: Buffer; marker: Buffer };
  /** Size of the big values (a broker takes about 1 MB per record by default). */
  bigBytes?: number;
}

/** The header every case carries last, so the reader can tell which case an input record is. */
export const CASE_HEADER = 'chaos.case';

const WEIGHTS = {
  valid: 6, bitFlip: 3, truncate: 2, extend: 2, randomSchemaId: 1, magicOne: 1, empty: 1, nullValue: 1, short: 1,
  big: 0.2, nullHeaderValue: 2, headerSoup: 2, manyHeaders: 0.5, nullKey: 1, invalidUtf8: 2,
} as const;

export type FuzzKind = keyof typeof WEIGHTS;
export const FUZZ_KINDS = Object.keys(WEIGHTS) as FuzzKind[];

/** Bytes that are not UTF-8: a lone continuation, an overlong form, a surrogate, 0xFF. */
const INVALID_UTF8 = [0x80, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xff, 0xfe];

/** The carrier with its marker's bytes replaced in place (same length, so the Avro stays framed). */
export function corruptUtf8(value: Buffer, marker: Buffer): Buffer {
  const at = value.indexOf(marker);
  if (at < 0) throw new Error('the UTF-8 carrier does not hold its marker');
  const copy = Buffer.from(value);
  for (let i = 0; i < marker.length; i += 1) copy[at + i] = INVALID_UTF8[i % INVALID_UTF8.length] as number;
  return copy;
}

function randomBytes(random: Random, length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i += 1) bytes[i] = random.int(0, 255);
  return bytes;
}

type Shape = Pick<FuzzCase, 'value' | 'expect'> & { headers?: FuzzCase['headers']; nullKey?: boolean };

function shape(kind: FuzzKind, random: Random, input: FuzzInput): Shape {
  const base = random.pick(input.valid);
  switch (kind) {
    case 'valid':
      return { value: base, expect: 'enriched' };
    case 'bitFlip': {
      const value = Buffer.from(base);
      for (let flips = random.int(1, 3); flips > 0; flips -= 1) {
        const at = random.int(5, value.length - 1);
        value[at] = (value[at] as number) ^ (1 << random.int(0, 7));
      }
      return { value, expect: 'any' };
    }
    case 'truncate':
      // Every strict prefix of the body fails: the writer schema needs all of its bytes.
      return { value: base.subarray(0, random.int(5, base.length - 1)), expect: 'DECODE_ERROR' };
    case 'extend':
      return { value: Buffer.concat([base, randomBytes(random, random.int(1, 16))]), expect: 'DECODE_ERROR' };
    case 'randomSchemaId': {
      const value = Buffer.from(base);
      value.writeUInt32BE(random.int(50_000_000, 0x7fff_ffff), 1);
      return { value, expect: 'UNKNOWN_SCHEMA' };
    }
    case 'magicOne': {
      const value = Buffer.from(base);
      value[0] = 1;
      return { value, expect: 'MAGIC_BYTE' };
    }
    case 'empty':
      return { value: Buffer.alloc(0), expect: 'MAGIC_BYTE' };
    case 'nullValue':
      return { value: null, expect: 'MAGIC_BYTE' };
    case 'short':
      return { value: base.subarray(0, random.int(1, 4)), expect: 'MAGIC_BYTE' };
    case 'big':
      return { value: Buffer.concat([base.subarray(0, 5), randomBytes(random, (input.bigBytes ?? 1_000_000) - 5)]), expect: 'any' };
    case 'nullHeaderValue':
      return { value: base, expect: 'enriched', headers: [['trace-id', null], ['x', Buffer.from('1')], ['x', null]] };
    case 'headerSoup':
      return {
        value: base,
        expect: 'enriched',
        headers: [
          ['', Buffer.from('empty name')],
          ['dup', Buffer.alloc(0)],
          ['dup', randomBytes(random, random.int(1, 64))],
          ['naïve-名前-\u0001', randomBytes(random, 8)],
          ['dup', null],
        ],
      };
    case 'manyHeaders':
      return { value: base, expect: 'enriched', headers: Array.from({ length: 1000 }, (_, i) => [`h${i % 7}`, i % 5 === 0 ? null : Buffer.from(String(i))]) };
    case 'nullKey':
      return { value: base, expect: 'enriched', nullKey: true };
    case 'invalidUtf8':
      return { value: corruptUtf8(input.utf8Carrier.value, input.utf8Carrier.marker), expect: 'DECODE_ERROR' };
  }
}

export function* generateFuzzCases(input: FuzzInput): Generator<FuzzCase> {
  const random = createRandom(`fuzz/${input.seed}`);
  for (let id = 0; id < input.count; id += 1) {
    // Each kind at least once in the first cases, so a short run covers them all.
    const kind = id < FUZZ_KINDS.length ? (FUZZ_KINDS[id] as FuzzKind) : random.weighted(WEIGHTS);
    const { value, expect, headers = [], nullKey } = shape(kind, random, input);
    yield {
      id,
      kind,
      key: nullKey ? null : Buffer.from(`fuzz-${id}`),
      value,
      headers: [...headers, [CASE_HEADER, Buffer.from(String(id))]],
      expect,
    };
  }
}

/** One line for produce_raw.py. */
export function toRawLine(fuzzCase: FuzzCase): string {
  const b64 = (bytes: Buffer | null): string | null => (bytes === null ? null : bytes.toString('base64'));
  return JSON.stringify({ k: b64(fuzzCase.key), v: b64(fuzzCase.value), h: fuzzCase.headers.map(([name, value]) => [name, b64(value)]) });
}
