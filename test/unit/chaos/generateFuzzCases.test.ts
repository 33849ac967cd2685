import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { CASE_HEADER, FUZZ_KINDS, corruptUtf8, generateFuzzCases, type FuzzCase, type FuzzInput } from '../../../scripts/chaos/generateFuzzCases.js';
import { projectSchemas } from '../../../src/schemas/avroSchemas.js';
import { deriveWriterSchemas } from '../../../src/tools/generate/deriveWriterSchemas.js';
import { encodeEvent } from '../../../src/tools/generate/encodeEvent.js';
import { generateEvents } from '../../../src/tools/generate/generateEvents.js';

const type = avro.Type.forSchema(deriveWriterSchemas(projectSchemas().schemas.callback).canonical as avro.Schema);
const codecs = { canonical: { schemaId: 7, type } };
const events = [...generateEvents({ seed: 'fuzz-test', count: 20, baseTime: Date.UTC(2026, 0, 1), campaigns: [], ratios: { unknownEnum: 0, evolved: 0, poison: 0 } })];
const valid = events.map((event) => encodeEvent(event, codecs));
const marker = Buffer.from('CHAOS-UTF8-MARKER');
const carrier = encodeEvent({ ...events[0]!, kind: 'canonical', callback: { ...events[0]!.callback, callbackUserName: marker.toString() } }, codecs);
const input: FuzzInput = { seed: 'x', count: 400, valid, utf8Carrier: { value: carrier, marker }, bigBytes: 20_000 };
const cases = [...generateFuzzCases(input)];
const ofKind = (kind: FuzzCase['kind']): FuzzCase[] => cases.filter((c) => c.kind === kind);
const body = (value: Buffer): Buffer => value.subarray(5);

describe('generateFuzzCases', () => {
  it('covers every kind within the first cases and is the same for the same seed', () => {
    expect(cases.slice(0, FUZZ_KINDS.length).map((c) => c.kind)).toEqual(FUZZ_KINDS);
    expect([...generateFuzzCases(input)]).toEqual(cases);
  });

  it('tags every case with its id in the last header', () => {
    for (const c of cases) expect(c.headers.at(-1)).toEqual([CASE_HEADER, Buffer.from(String(c.id))]);
  });

  it('makes the expected-to-be-enriched values valid Avro of the writer', () => {
    for (const c of cases.filter((x) => x.expect === 'enriched')) {
      expect(c.value![0]).toBe(0);
      expect(() => type.fromBuffer(body(c.value!))).not.toThrow();
    }
  });

  it('truncates and extends so that a decode with the writer schema fails', () => {
    for (const c of [...ofKind('truncate'), ...ofKind('extend')]) expect(() => type.fromBuffer(body(c.value!))).toThrow();
    expect(ofKind('truncate').length + ofKind('extend').length).toBeGreaterThan(2);
  });

  it('frames the wire header as each reason needs', () => {
    for (const c of ofKind('magicOne')) expect(c.value![0]).toBe(1);
    for (const c of ofKind('short')) expect(c.value!.length).toBeLessThan(5);
    for (const c of ofKind('empty')) expect(c.value!.length).toBe(0);
    for (const c of ofKind('nullValue')) expect(c.value).toBeNull();
    for (const c of ofKind('randomSchemaId')) expect(c.value!.readUInt32BE(1)).toBeGreaterThanOrEqual(50_000_000);
    for (const c of ofKind('big')) expect(c.value!.length).toBe(20_000);
  });

  it('writes null header values, empty and repeated names, and many headers', () => {
    expect(ofKind('nullHeaderValue')[0]!.headers.some(([, value]) => value === null)).toBe(true);
    const soup = ofKind('headerSoup')[0]!.headers.map(([name]) => name);
    expect(soup).toContain('');
    expect(soup.filter((name) => name === 'dup')).toHaveLength(3);
    expect(ofKind('manyHeaders')[0]!.headers.length).toBeGreaterThan(1000);
    expect(ofKind('nullKey')[0]!.key).toBeNull();
  });
});

describe('corruptUtf8', () => {
  it('keeps the Avro framing (a lenient decoder still reads it) but the string is no longer UTF-8', () => {
    const corrupted = corruptUtf8(carrier, marker);
    expect(corrupted.length).toBe(carrier.length);
    expect(() => type.fromBuffer(body(corrupted))).not.toThrow();
    const at = carrier.indexOf(marker);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(corrupted.subarray(at, at + marker.length))).toThrow();
  });

  it('refuses a carrier without its marker', () => {
    expect(() => corruptUtf8(valid[1]!, Buffer.from('not-there'))).toThrow(/marker/);
  });
});
