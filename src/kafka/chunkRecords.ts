import type { OutputRecord } from '../pipeline/types.js';

// Neither KafkaJS nor @platformatic/kafka splits the records of one partition into several record
// batches; the broker refuses batches above message.max.bytes (1 MiB by default). Sends are cut into chunks
// well below that and sent one after another, which keeps their order.
const MAX_CHUNK_BYTES = 512 * 1024;
const RECORD_OVERHEAD_BYTES = 70;

function approximateSize(record: OutputRecord): number {
  let size = RECORD_OVERHEAD_BYTES + (record.key?.length ?? 0) + (record.value?.length ?? 0);
  for (const { key, value } of record.headers) size += key.length + (value?.length ?? 0) + 2;
  return size;
}

export function chunkRecords(records: OutputRecord[], maxBytes: number = MAX_CHUNK_BYTES): OutputRecord[][] {
  const chunks: OutputRecord[][] = [];
  let current: OutputRecord[] = [];
  let currentBytes = 0;
  for (const record of records) {
    const size = approximateSize(record);
    if (current.length > 0 && currentBytes + size > maxBytes) {
      chunks.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(record);
    currentBytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
