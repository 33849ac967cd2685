// Fuzz: did each case end where it must (enriched, or dead-lettered for its reason)? Pure.
import type { FuzzExpectation } from './generateFuzzCases.js';
import type { ReadRecord } from './readRecord.js';

export interface FuzzVerdict {
  checked: number;
  /** Cases that ended somewhere else than expected (lost ones are counted by the accounting). */
  wrong: number;
  samples: string[];
}

export function checkFuzzExpectations(records: readonly ReadRecord[], expectations: ReadonlyMap<number, { kind: string; expect: FuzzExpectation }>): FuzzVerdict {
  const caseAt = new Map<string, number>();
  for (const record of records) if (record.k === 'in' && record.c !== undefined) caseAt.set(`${record.p}:${record.o}`, record.c);
  const verdict: FuzzVerdict = { checked: 0, wrong: 0, samples: [] };
  for (const record of records) {
    if (record.k !== 'out' && record.k !== 'dlq') continue;
    const id = caseAt.get(`${record.p}:${record.o}`);
    const expected = id === undefined ? undefined : expectations.get(id);
    if (!expected) continue;
    verdict.checked += 1;
    const got = record.k === 'out' ? 'enriched' : (record.reason ?? '(none)');
    if (expected.expect === 'any' || expected.expect === got) continue;
    verdict.wrong += 1;
    if (verdict.samples.length < 5) verdict.samples.push(`case ${id} (${expected.kind}) expected ${expected.expect}, got ${got}`);
  }
  return verdict;
}
