// An encoded batch as one transferable ArrayBuffer plus offsets, so a worker thread hands 4,000
// records to the main thread without copying each Buffer through structured clone, and writes
// them without making a Buffer per record.
import type { OutputRecord } from '../../pipeline/types.js';
import type { GenerateOptions, GeneratedEvent } from '../generate/generateEvents.js';
import { writeEvent, type WriterCodecs } from '../generate/encodeEvent.js';
import { kindLabel, type EventBatch } from './eventBatches.js';

export interface EncodeRequest {
  generate: GenerateOptions;
  writers: Record<'canonical', { schemaId: number; schema: object }> & Partial<Record<'unknownEnum' | 'evolved', { schemaId: number; schema: object }>>;
  topic: string;
  /** Blocks each worker thread may run ahead of the sender. */
  ahead: number;
}

export interface PackedBatch {
  bytes: ArrayBuffer;
  /** Per record: key start, key end (-1 start = null key), value end; the value starts at the key end. */
  offsets: Int32Array;
  kinds: Record<string, number>;
}

/** Room for one more record; the buffer doubles (copying what is written) when it is short. */
function grow(bytes: Buffer, at: number, needed: number): Buffer {
  if (at + needed <= bytes.length) return bytes;
  const bigger = Buffer.allocUnsafe(Math.max(bytes.length * 2, at + needed));
  bytes.copy(bigger, 0, 0, at);
  return bigger;
}

/**
 * Generated events, encoded straight into one buffer per batch: keys and wire-format values
 * back to back, no Buffer per record. The same bytes as generatedBatches, with far less
 * allocation and copying on the thread that generates (BENCHMARKS.md, produce).
 */
export function* packGeneratedBatches(events: Iterable<GeneratedEvent>, codecs: WriterCodecs, batchSize: number): Generator<PackedBatch> {
  let bytes: Buffer = Buffer.allocUnsafe(batchSize * 512);
  const offsets = new Int32Array(batchSize * 3);
  let kinds: Record<string, number> = {};
  let count = 0;
  let at = 0;
  const take = (): PackedBatch => {
    // Copies sized to the batch (the transfer hands their ArrayBuffers to the main thread); the
    // working buffers are reused for the next batch.
    const packed = { bytes: new Uint8Array(bytes.subarray(0, at)).buffer, offsets: offsets.slice(0, count * 3), kinds };
    kinds = {};
    count = 0;
    at = 0;
    return packed;
  };
  for (const event of events) {
    bytes = grow(bytes, at, Buffer.byteLength(event.key) + 64);
    offsets[count * 3] = at;
    at += bytes.write(event.key, at);
    offsets[count * 3 + 1] = at;
    let end = writeEvent(event, codecs, bytes, at);
    while (end < 0) {
      bytes = grow(bytes, at, bytes.length);
      end = writeEvent(event, codecs, bytes, at);
    }
    at = end;
    offsets[count * 3 + 2] = at;
    const label = kindLabel(event);
    kinds[label] = (kinds[label] ?? 0) + 1;
    count += 1;
    if (count >= batchSize) yield take();
  }
  if (count > 0) yield take();
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
      headers: [],
    });
  }
  return { records, kinds: packed.kinds };
}
