// An encoded batch as one transferable ArrayBuffer plus offsets, so a worker thread hands 4,000
// records to the main thread without copying each Buffer through structured clone.
import type { OutputRecord } from '../../pipeline/types.js';
import type { GenerateOptions } from '../generate/generateEvents.js';
import type { EventBatch } from './eventBatches.js';

export interface EncodeRequest {
  generate: GenerateOptions;
  writers: Record<'canonical', { schemaId: number; schema: object }> & Partial<Record<'unknownEnum' | 'evolved', { schemaId: number; schema: object }>>;
  topic: string;
  batchSize: number;
  /** Batches the worker may run ahead of the sender. */
  ahead: number;
}

export interface PackedBatch {
  bytes: ArrayBuffer;
  /** Per record: key start, key end (-1 start = null key), value end; the value starts at the key end. */
  offsets: Int32Array;
  kinds: Record<string, number>;
}

export function packBatch(batch: EventBatch): PackedBatch {
  let total = 0;
  for (const record of batch.records) total += (record.key?.length ?? 0) + (record.value?.length ?? 0);
  const bytes = new Uint8Array(total);
  const offsets = new Int32Array(batch.records.length * 3);
  let at = 0;
  batch.records.forEach((record, i) => {
    offsets[i * 3] = record.key === null ? -1 : at;
    if (record.key !== null) {
      bytes.set(record.key, at);
      at += record.key.length;
    }
    offsets[i * 3 + 1] = at;
    if (record.value !== null) {
      bytes.set(record.value, at);
      at += record.value.length;
    }
    offsets[i * 3 + 2] = at;
  });
  return { bytes: bytes.buffer, offsets, kinds: batch.kinds };
}

export function unpackBatch(packed: PackedBatch, topic: string): EventBatch {
  const records: OutputRecord[] = [];
  const { offsets } = packed;
  for (let i = 0; i < offsets.length; i += 3) {
    const keyStart = offsets[i] as number;
    const keyEnd = offsets[i + 1] as number;
    const valueEnd = offsets[i + 2] as number;
    records.push({
      topic,
      key: keyStart < 0 ? null : Buffer.from(packed.bytes, keyStart, keyEnd - keyStart),
      value: Buffer.from(packed.bytes, keyEnd, valueEnd - keyEnd),
      headers: {},
    });
  }
  return { records, kinds: packed.kinds };
}
