// The one-pass decoder against the two-pass reference (bounds walk, avsc, mapAvroCallback):
// the same model, the same fallbacks, the same rejections, for every writer the worker meets.
import { readFileSync } from 'node:fs';
import avro from 'avsc';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toAvroCallback } from '../../../src/model/toAvroCallback.js';
import { compileCallbackDecoder } from '../../../src/pipeline/compileCallbackDecoder.js';
import { decodeCallback, decodeCallbackInTwoPasses } from '../../../src/pipeline/decodeCallback.js';
import { projectSchemas } from '../../../src/schemas/avroSchemas.js';
import { deriveWriterSchemas, EVOLVED_ENUM_SYMBOLS, UNKNOWN_ENUM_VALUES } from '../../../src/tools/generate/deriveWriterSchemas.js';
import { arbitraryCallback } from '../../helpers/arbitraries.js';
import { loadPoisonCorpus } from '../../helpers/pipelineDeps.js';

const fixtureWriter = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/writers/${name}.avsc`, import.meta.url), 'utf8')) as avro.Schema;
const derived = deriveWriterSchemas(projectSchemas().schemas.callback);
const WRITERS: Record<string, avro.Type> = {
  canonical: projectSchemas().types.callback,
  unknownEnum: avro.Type.forSchema(derived.unknownEnum as avro.Schema),
  evolved: avro.Type.forSchema(derived.evolved as avro.Schema),
  newer: avro.Type.forSchema(fixtureWriter('newer')),
  older: avro.Type.forSchema(fixtureWriter('older')),
};

/** Raw enum strings a writer can carry: canonical symbols, other cases, unknown and evolved values. */
const rawState = fc.constantFrom(...UNKNOWN_ENUM_VALUES.state, ...EVOLVED_ENUM_SYMBOLS.state, 'CONNECTED', 'scheduled');

/** An Avro record for `name`, with symbols its schema has in place of canonical ones where it can. */
function avroRecordFor(name: string, callback: Parameters<typeof toAvroCallback>[0], state: string, queueId: string): Record<string, unknown> {
  const record: Record<string, unknown> = { ...toAvroCallback(callback), queueId };
  const symbols = name === 'unknownEnum' ? UNKNOWN_ENUM_VALUES.state : name === 'evolved' ? EVOLVED_ENUM_SYMBOLS.state : [];
  if (name === 'older' || (symbols as readonly string[]).includes(state)) record.state = state;
  return record;
}

const encoded = fc.tuple(fc.constantFrom(...Object.keys(WRITERS)), arbitraryCallback(), rawState, fc.string())
  .map(([name, callback, state, queueId]) => ({ name, payload: WRITERS[name]!.toBuffer(avroRecordFor(name, callback, state, queueId)) }));

describe('compileCallbackDecoder', () => {
  it('handles every writer the worker meets (canonical, unknown symbols, evolved, newer, older with string enums)', () => {
    for (const type of Object.values(WRITERS)) expect(compileCallbackDecoder(type)).toBeDefined();
  });

  it('leaves writers whose fields have other types to the two-pass path (connectedTime as a string)', () => {
    const mapping = loadPoisonCorpus().find((f) => f.reason === 'MAPPING_ERROR')!;
    expect(compileCallbackDecoder(avro.Type.forSchema(mapping.writerSchema as avro.Schema))).toBeUndefined();
  });
});

describe('decodeCallback answers as the two-pass path does', () => {
  it('property: valid callbacks of every writer: the same model and unknownEnumValues, from the fast path', () => {
    fc.assert(fc.property(encoded, ({ name, payload }) => {
      const fast = compileCallbackDecoder(WRITERS[name]!)!(payload);
      expect(fast).toBeDefined();
      expect({ ok: true, value: fast }).toStrictEqual(decodeCallbackInTwoPasses(WRITERS[name]!, payload, 1));
    }), { numRuns: 500 });
  });

  it('property: the same bodies flipped, cut or extended: the same result or rejection', () => {
    const mutated = fc.tuple(encoded, fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('flip', 'cut', 'append'))
      .map(([{ name, payload }, at, byte, how]) => {
        const body = Buffer.from(payload);
        const i = at % Math.max(1, body.length);
        if (how === 'cut') return { name, payload: body.subarray(0, i) };
        if (how === 'append') return { name, payload: Buffer.concat([body, Buffer.from([byte])]) };
        body[i] = byte;
        return { name, payload: body };
      });
    fc.assert(fc.property(mutated, ({ name, payload }) => {
      expect(decodeCallback(WRITERS[name]!, payload, 1)).toStrictEqual(decodeCallbackInTwoPasses(WRITERS[name]!, payload, 1));
    }), { numRuns: 1500 });
  });

  it('arrays written in blocks with byte sizes (negative counts, which avsc reads but does not write): the same model, from the fast path', () => {
    const fields = (WRITERS.canonical as unknown as { fields: Array<{ name: string }> }).fields.map((f) => f.name);
    const at = fields.indexOf('callbackNumbers');
    const zigzag = (n: number): number => (n >= 0 ? n * 2 : -n * 2 - 1);
    const text = (s: string): number[] => [zigzag(s.length), ...Buffer.from(s)];
    const twoNumbers = [...text('+13175550123'), ...text('(317) 555-0124')];
    // Every other field null; callbackNumbers as a block of 2 with its byte size, then a plain block of 1.
    const body = Buffer.from([
      ...new Array<number>(at).fill(0), 2,
      zigzag(-2), zigzag(twoNumbers.length), ...twoNumbers, zigzag(1), ...text('nope'), 0,
      ...new Array<number>(fields.length - at - 1).fill(0),
    ]);
    const fast = compileCallbackDecoder(WRITERS.canonical!)!(body);
    expect(fast?.callback.callbackNumbers).toEqual(['+13175550123', '(317) 555-0124', 'nope']);
    expect({ ok: true, value: fast }).toStrictEqual(decodeCallbackInTwoPasses(WRITERS.canonical!, body, 1));
  });

  it('random bodies: the same result or rejection', () => {
    fc.assert(fc.property(fc.constantFrom(...Object.keys(WRITERS)), fc.uint8Array({ maxLength: 200 }), (name, bytes) => {
      const payload = Buffer.from(bytes);
      expect(decodeCallback(WRITERS[name]!, payload, 1)).toStrictEqual(decodeCallbackInTwoPasses(WRITERS[name]!, payload, 1));
    }), { numRuns: 1500 });
  });
});
