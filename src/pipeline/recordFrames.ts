// Records packed into one ArrayBuffer, so a batch crosses to a pipeline thread and back as a
// transfer: no copy and no structured clone of thousands of objects (worker/createPipelineThreads).
//
// Layout: the byte length and JSON of the batch's table of short strings (topics, header keys: a
// handful, decoded once a batch), then one frame per record: topic (table index), partition,
// offset, timestamp, key, value, headers (key as a table index, value as bytes). Integers
// little-endian; a byte length of 0xffffffff is null. Offsets travel as doubles (exact below
// 2^53, which Kafka offsets stay under in practice); an output record travels with zeros there.
import type { Header, InputRecord, OutputRecord } from './types.js';

const NULL_LENGTH = 0xffffffff;
const FIXED_BYTES = 22; // topic index u16, partition u32, offset f64, timestamp f64

export interface FrameWriter {
  write(record: OutputRecord, position?: Pick<InputRecord, 'partition' | 'offset' | 'timestamp'>): void;
  /** The frames so far, in a buffer of their own; the writer starts over. */
  finish(): ArrayBuffer;
}

export function createFrameWriter(initialBytes = 1 << 20): FrameWriter {
  let buf = Buffer.allocUnsafe(initialBytes);
  let pos = 0;
  let strings = new Map<string, number>();

  function reserve(bytes: number): void {
    if (pos + bytes <= buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(buf.length * 2, pos + bytes));
    buf.copy(grown, 0, 0, pos);
    buf = grown;
  }
  function writeBytes(bytes: Buffer | null): void {
    if (bytes === null) {
      reserve(4);
      pos = buf.writeUInt32LE(NULL_LENGTH, pos);
      return;
    }
    reserve(4 + bytes.length);
    pos = buf.writeUInt32LE(bytes.length, pos);
    pos += bytes.copy(buf, pos);
  }
  function stringIndex(text: string): number {
    let index = strings.get(text);
    if (index === undefined) strings.set(text, (index = strings.size));
    return index;
  }

  return {
    write(record, position) {
      reserve(FIXED_BYTES);
      pos = buf.writeUInt16LE(stringIndex(record.topic), pos);
      pos = buf.writeUInt32LE(position?.partition ?? 0, pos);
      pos = buf.writeDoubleLE(position === undefined ? 0 : Number(position.offset), pos);
      pos = buf.writeDoubleLE(position?.timestamp ?? 0, pos);
      writeBytes(record.key);
      writeBytes(record.value);
      reserve(2);
      pos = buf.writeUInt16LE(record.headers.length, pos);
      for (const header of record.headers) {
        reserve(2);
        pos = buf.writeUInt16LE(stringIndex(header.key), pos);
        writeBytes(header.value);
      }
    },
    finish() {
      const table = Buffer.from(JSON.stringify([...strings.keys()]));
      const out = Buffer.from(new ArrayBuffer(4 + table.length + pos));
      out.writeUInt32LE(table.length, 0);
      table.copy(out, 4);
      buf.copy(out, 4 + table.length, 0, pos);
      pos = 0;
      strings = new Map();
      return out.buffer;
    },
  };
}

type FrameVisitor<T> = (topic: string, partition: number, offset: number, timestamp: number, key: Buffer | null, value: Buffer | null, headers: Header[]) => T;

function readFrames<T>(frames: ArrayBuffer, visit: FrameVisitor<T>): T[] {
  const buf = Buffer.from(frames);
  const tableLength = buf.readUInt32LE(0);
  const strings = JSON.parse(buf.toString('utf8', 4, 4 + tableLength)) as string[];
  const records: T[] = [];
  let pos = 4 + tableLength;
  const readBytes = (): Buffer | null => {
    const length = buf.readUInt32LE(pos);
    pos += 4;
    if (length === NULL_LENGTH) return null;
    pos += length;
    return buf.subarray(pos - length, pos);
  };
  while (pos < buf.length) {
    const topic = strings[buf.readUInt16LE(pos)]!;
    const partition = buf.readUInt32LE(pos + 2);
    const offset = buf.readDoubleLE(pos + 6);
    const timestamp = buf.readDoubleLE(pos + 14);
    pos += FIXED_BYTES;
    const key = readBytes();
    const value = readBytes();
    const headerCount = buf.readUInt16LE(pos);
    pos += 2;
    const headers: Header[] = [];
    for (let i = 0; i < headerCount; i++) {
      const headerKey = strings[buf.readUInt16LE(pos)]!;
      pos += 2;
      headers.push({ key: headerKey, value: readBytes() });
    }
    records.push(visit(topic, partition, offset, timestamp, key, value, headers));
  }
  return records;
}

/** Consumed records from frames; keys, values and header values are views into the buffer. */
export function readInputFrames(frames: ArrayBuffer): InputRecord[] {
  return readFrames(frames, (topic, partition, offset, timestamp, key, value, headers) => ({ topic, partition, offset: String(offset), timestamp, key, value, headers }));
}

/** Records to send from frames: topic, key, value and headers only (no partition: the producer's partitioner picks it). */
export function readOutputFrames(frames: ArrayBuffer): OutputRecord[] {
  return readFrames(frames, (topic, _partition, _offset, _timestamp, key, value, headers) => ({ topic, key, value, headers }));
}
