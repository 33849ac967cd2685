// Random and mutated bytes through processRecord: it never throws and never reports a core bug
// (every bad input is an expected rejection), and a valid wire header always shows in the DLQ.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toAvroCallback } from '../../../src/model/toAvroCallback.js';
import { encodeWire } from '../../../src/pipeline/encodeWire.js';
import { processRecord } from '../../../src/pipeline/processRecord.js';
import { projectSchemas } from '../../../src/schemas/avroSchemas.js';
import { arbitraryCallback } from '../../helpers/arbitraries.js';
import { CANONICAL_ID, createDeps, inputRecord, loadPoisonCorpus, poisonWriters } from '../../helpers/pipelineDeps.js';

const corpus = loadPoisonCorpus();
const deps = createDeps({}, poisonWriters(corpus));
const knownIds = [CANONICAL_ID, ...poisonWriters(corpus).keys(), 5];

function neverABug(value: Buffer): boolean {
  const outcome = processRecord(inputRecord(value), deps);
  return outcome.kind === 'produce' || !outcome.coreBug;
}

describe('processRecord under random input', () => {
  it('random bytes, with or without a header naming a known id', () => {
    const anyBytes = fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b));
    const framed = fc.tuple(fc.constantFrom(...knownIds), fc.uint8Array({ maxLength: 256 }))
      .map(([id, body]) => encodeWire(id, Buffer.from(body)));
    fc.assert(fc.property(fc.oneof(anyBytes, framed), neverABug), { numRuns: 3000 });
  });

  it('valid callbacks with bytes flipped, cut or appended', () => {
    const callbackType = projectSchemas().types.callback;
    const mutated = fc.tuple(arbitraryCallback(), fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('flip', 'cut', 'append'))
      .map(([callback, at, byte, how]) => {
        const body = Buffer.from(callbackType.toBuffer(toAvroCallback(callback)));
        const i = at % Math.max(1, body.length);
        if (how === 'cut') return encodeWire(CANONICAL_ID, body.subarray(0, i));
        if (how === 'append') return encodeWire(CANONICAL_ID, Buffer.concat([body, Buffer.from([byte])]));
        body[i] = byte;
        return encodeWire(CANONICAL_ID, body);
      });
    fc.assert(fc.property(mutated, neverABug), { numRuns: 1000 });
  });

  it('the poison corpus values with random bytes flipped', () => {
    const flipped = fc.tuple(fc.constantFrom(...corpus), fc.nat(), fc.integer({ min: 0, max: 255 })).map(([fixture, at, byte]) => {
      const value = Buffer.from(fixture.valueBase64, 'base64');
      if (value.length > 0) value[at % value.length] = byte;
      return value;
    });
    fc.assert(fc.property(flipped, neverABug), { numRuns: 300 });
  });

  it('every valid callback produces', () => {
    const callbackType = projectSchemas().types.callback;
    fc.assert(fc.property(arbitraryCallback(), (callback) => {
      const outcome = processRecord(inputRecord(encodeWire(CANONICAL_ID, callbackType.toBuffer(toAvroCallback(callback)))), deps);
      expect(outcome.kind).toBe('produce');
    }), { numRuns: 500 });
  });
});
