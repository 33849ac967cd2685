import { describe, expect, it } from 'vitest';
import { checkFuzzExpectations } from '../../../scripts/chaos/checkFuzzExpectations.js';
import type { FuzzExpectation } from '../../../scripts/chaos/generateFuzzCases.js';
import type { ReadRecord } from '../../../scripts/chaos/readRecord.js';

const expectations = new Map<number, { kind: string; expect: FuzzExpectation }>([
  [1, { kind: 'truncate', expect: 'DECODE_ERROR' }],
  [2, { kind: 'nullHeaderValue', expect: 'enriched' }],
  [3, { kind: 'bitFlip', expect: 'any' }],
]);

describe('checkFuzzExpectations', () => {
  it('matches each case by the input record that carried it', () => {
    const records: ReadRecord[] = [
      { k: 'in', p: 0, o: 10, c: 1 }, { k: 'in', p: 1, o: 4, c: 2 }, { k: 'in', p: 1, o: 5, c: 3 }, { k: 'in', p: 1, o: 6 },
      { k: 'dlq', p: 0, o: 10, reason: 'DECODE_ERROR' }, { k: 'out', p: 1, o: 4 }, { k: 'dlq', p: 1, o: 5, reason: 'MAPPING_ERROR' }, { k: 'out', p: 1, o: 6 },
    ];
    expect(checkFuzzExpectations(records, expectations)).toEqual({ checked: 3, wrong: 0, samples: [] });
  });

  it('reports a case that ended elsewhere', () => {
    const records: ReadRecord[] = [{ k: 'in', p: 0, o: 1, c: 1 }, { k: 'out', p: 0, o: 1 }, { k: 'in', p: 0, o: 2, c: 2 }, { k: 'dlq', p: 0, o: 2, reason: 'MAPPING_ERROR' }];
    const verdict = checkFuzzExpectations(records, expectations);
    expect(verdict.wrong).toBe(2);
    expect(verdict.samples).toEqual([
      'case 1 (truncate) expected DECODE_ERROR, got enriched',
      'case 2 (nullHeaderValue) expected enriched, got MAPPING_ERROR',
    ]);
  });
});
