// After a partition changes hands, its new owner may hold a batch that starts below the offset
// the previous owner committed last (it read the committed offset before that owner's final
// transaction completed). The outputs of those records are already in the output topic: they
// are dropped here, by the source offset every worker output carries in its headers.
import { DLQ_HEADERS, OUTPUT_HEADERS } from './headerNames.js';
import { headerText } from './headers.js';
import type { OutputRecord } from './types.js';

/**
 * The input offset an output or dead letter was made from; undefined when it carries none. The
 * header is chosen by topic: a dead letter keeps the input's headers, which may include a
 * `source.offset` of some earlier hop, and an output may carry an input's `dlq.*` headers.
 */
export function sourceOffsetOf(record: OutputRecord, dlqTopic: string): bigint | undefined {
  const text = headerText(record.headers, record.topic === dlqTopic ? DLQ_HEADERS.sourceOffset : OUTPUT_HEADERS.sourceOffset);
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  return BigInt(text);
}

/**
 * The records made from input offsets at or above `committed`. A record without a source offset
 * is kept: dropping it could lose it, and the worker writes none.
 */
export function dropHandledRecords(records: OutputRecord[], committed: bigint, dlqTopic: string): OutputRecord[] {
  return records.filter((record) => {
    const offset = sourceOffsetOf(record, dlqTopic);
    return offset === undefined || offset >= committed;
  });
}
