import { describe, expect, it } from 'vitest';
import { buildCallbackMix, type MixOptions } from '../../../bench/lib/buildCallbackMix.js';
import { parseWireHeader } from '../../../src/pipeline/parseWireHeader.js';

const options: MixOptions = { seed: 'test', records: 2_000, lifecycle: true, concurrentConversations: 50, unknownEnumRatio: 0.05, evolvedRatio: 0.05 };

describe('buildCallbackMix poison', () => {
  it('gives the same records without poison as before poison existed (ratio 0 or absent)', () => {
    const without = buildCallbackMix(options);
    const zero = buildCallbackMix({ ...options, poisonRatio: 0 });
    expect(zero.records.map((r) => r.input.value)).toEqual(without.records.map((r) => r.input.value));
    expect(without.kinds.poison).toBe(0);
  });

  it('mixes in about the asked share of poison, each marked as such and none a decodable wire record of the mix', () => {
    const mix = buildCallbackMix({ ...options, poisonRatio: 0.1 });
    const poison = mix.records.filter((r) => r.kind === 'poison');
    expect(poison.length).toBe(mix.kinds.poison);
    expect(poison.length).toBeGreaterThan(120);
    expect(poison.length).toBeLessThan(280);
    for (const record of poison) {
      const header = parseWireHeader(record.input.value);
      // MAGIC_BYTE: no header; UNKNOWN_SCHEMA: an id beyond the mix's 1–3; DECODE_ERROR: a cut body.
      if (!header.ok || header.value.schemaId > 3) continue;
      expect(() => record.writerType.fromBuffer(header.value.payload)).toThrow();
    }
  });
});
