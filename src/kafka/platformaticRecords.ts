// The pipeline's records ↔ @platformatic/kafka's wire shapes. Headers stay an ordered list of
// {key, value | null}: the library reads them as [key, value] pairs, and writes a Map, which keeps
// repeated names apart when each key is its own Buffer object (Map keys compare by identity).
import type { MessageToProduce, RecordsBatch } from '@platformatic/kafka';
import type { Headers, InputRecord, OutputRecord } from '../pipeline/types.js';
import { murmur2 } from './javaCompatiblePartitioner.js';

const IS_CONTROL_BATCH = 0x20;
const IS_TRANSACTIONAL = 0x10;
const LOG_APPEND_TIME = 0x08;
const ABORT_MARKER = 0;

export function toPlatformaticHeaders(headers: Headers): Map<Buffer, Buffer> {
  const map = new Map<Buffer, Buffer>();
  // A null value is written as Kafka's null header value (length -1) by the library's encoder.
  for (const { key, value } of headers) map.set(Buffer.from(key, 'utf8'), value as Buffer);
  return map;
}

export function toMessages(records: OutputRecord[]): MessageToProduce[] {
  return records.map((record) => ({
    topic: record.topic,
    key: record.key ?? undefined,
    value: record.value as Buffer,
    headers: toPlatformaticHeaders(record.headers),
  }));
}

/**
 * The Java client's partition for a key (murmur2, sign bit cleared; the library takes it modulo
 * the partition count), so a key lands where KafkaJS and Java producers put it. The library's own
 * default uses `>>> 0` and differs for half of all keys. No key: round robin.
 */
export function createJavaCompatiblePartitioner(): (message: unknown, key: Buffer | undefined) => number {
  let counter = Math.floor(Math.random() * 0x7fffffff);
  return (_message, key) => {
    if (key !== undefined && key !== null) return murmur2(key) & 0x7fffffff;
    counter = (counter + 1) & 0x7fffffff;
    return counter;
  };
}

export interface FetchedPartition {
  topic: string;
  partition: number;
  /** The offset the fetch asked for: the broker may return earlier records of the same batch. */
  fetchOffset: bigint;
  highWatermark: bigint;
  batches: RecordsBatch[];
  /** The broker's list of aborted transactions overlapping the fetched range (read_committed). */
  abortedTransactions?: Array<{ producerId: bigint; firstOffset: bigint }> | null;
}

/**
 * Batches of aborted transactions. The library drops an aborted range only when its abort marker
 * is in the same response, and keeps the records when the response was cut before the marker;
 * the broker lists every aborted transaction overlapping the fetched range, so a range without its
 * marker here runs to the end of this response.
 */
function abortedBatches(batches: RecordsBatch[], aborted: FetchedPartition['abortedTransactions']): Set<RecordsBatch> {
  const skip = new Set<RecordsBatch>();
  for (const { producerId, firstOffset } of aborted ?? []) {
    const marker = batches.find((b) => (b.attributes & IS_CONTROL_BATCH) !== 0 && b.producerId === producerId && b.firstOffset >= firstOffset
      && b.records[0]?.key?.readInt16BE(2) === ABORT_MARKER);
    for (const batch of batches) {
      if ((batch.attributes & IS_TRANSACTIONAL) === 0 || (batch.attributes & IS_CONTROL_BATCH) !== 0) continue;
      if (batch.producerId === producerId && batch.firstOffset >= firstOffset && (!marker || batch.firstOffset < marker.firstOffset)) skip.add(batch);
    }
  }
  return skip;
}

/**
 * One partition's part of a fetch response → a ConsumedBatch: control batches (transaction
 * markers), aborted transactions and records before the fetch offset left out; nextOffset after the last batch, so it
 * passes trailing markers. Undefined when the fetch brought nothing new.
 */
export function toConsumedBatch(fetched: FetchedPartition): { records: InputRecord[]; nextOffset: bigint } | undefined {
  const { topic, partition, fetchOffset, batches } = fetched;
  const last = batches[batches.length - 1];
  if (!last) return undefined;
  const nextOffset = last.firstOffset + BigInt(last.lastOffsetDelta) + 1n;
  if (nextOffset <= fetchOffset) return undefined;
  const records: InputRecord[] = [];
  const aborted = abortedBatches(batches, fetched.abortedTransactions);
  for (const batch of batches) {
    if (batch.attributes & IS_CONTROL_BATCH || aborted.has(batch)) continue;
    const appendTime = (batch.attributes & LOG_APPEND_TIME) !== 0;
    for (const record of batch.records) {
      const offset = batch.firstOffset + BigInt(record.offsetDelta);
      if (offset < fetchOffset) continue;
      records.push({
        topic,
        partition,
        offset: offset.toString(),
        timestamp: Number(appendTime ? batch.maxTimestamp : batch.firstTimestamp + record.timestampDelta),
        key: record.key ?? null,
        value: record.value ?? null,
        headers: record.headers.map(([key, value]) => ({ key: key?.toString('utf8') ?? '', value: value ?? null })),
      });
    }
  }
  return { records, nextOffset };
}
