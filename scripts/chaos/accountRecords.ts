// The books of one scenario, kept by source offset: every input record must be in the output or
// the DLQ; under exactly-once, exactly once. Pure: the reader's records in, figures out.
import type { ReadRecord } from './readRecord.js';

export interface Accounting {
  /** Input records. */
  records: number;
  lost: number;
  /** Appearances beyond the first (output and DLQ together). */
  duplicated: number;
  /** Output records whose value a strict Avro reader cannot decode. */
  undecodable: number;
  /** Output or DLQ records whose source is not an input record (or is missing). */
  unattributed: number;
  /** Dead letters by dlq.reason. */
  deadLettered: Record<string, number>;
  enriched: number;
  /** Topics the reader could not read to their high watermark (open transactions). */
  incompleteReads: string[];
  /** A few examples of each problem, for the report. */
  samples: { lost: string[]; duplicated: string[]; undecodable: string[]; unattributed: string[] };
}

const SAMPLES = 5;
const ref = (p: number | null, o: number | null): string => `${p ?? '?'}:${o ?? '?'}`;

function push(list: string[], item: string): void {
  if (list.length < SAMPLES) list.push(item);
}

export function accountRecords(records: readonly ReadRecord[]): Accounting {
  const inputs = new Set<string>();
  const seen = new Map<string, number>();
  const result: Accounting = {
    records: 0, lost: 0, duplicated: 0, undecodable: 0, unattributed: 0, deadLettered: {}, enriched: 0,
    incompleteReads: [], samples: { lost: [], duplicated: [], undecodable: [], unattributed: [] },
  };
  for (const record of records) if (record.k === 'in') inputs.add(ref(record.p, record.o));
  result.records = inputs.size;
  for (const record of records) {
    if (record.k === 'end') {
      if (!record.complete) result.incompleteReads.push(`${record.topic}: ${record.note}`);
      continue;
    }
    if (record.k === 'in') continue;
    const key = ref(record.p, record.o);
    if (record.k === 'out') {
      result.enriched += 1;
      if (record.bad !== undefined) {
        result.undecodable += 1;
        push(result.samples.undecodable, `${key} ${record.bad}`);
      }
    } else {
      const reason = record.reason ?? '(no dlq.reason)';
      result.deadLettered[reason] = (result.deadLettered[reason] ?? 0) + 1;
    }
    if (!inputs.has(key)) {
      result.unattributed += 1;
      push(result.samples.unattributed, `${record.k} ${key}`);
      continue;
    }
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    if (count > 1) {
      result.duplicated += 1;
      push(result.samples.duplicated, key);
    }
  }
  for (const key of inputs) {
    if (!seen.has(key)) {
      result.lost += 1;
      push(result.samples.lost, key);
    }
  }
  return result;
}
