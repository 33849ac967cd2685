// The writing side of parseWireHeader: magic byte, 4-byte big-endian schema id, Avro body.
import { MAGIC_BYTE, WIRE_HEADER_BYTES } from './parseWireHeader.js';

/** Largest id the 4-byte header can carry (registries hand out positive ints). */
const MAX_SCHEMA_ID = 0xffff_ffff;

/** Magic byte and schema id into buffer[at, at + 5); the caller makes sure they fit. */
export function writeWireHeader(buffer: Buffer, at: number, schemaId: number): void {
  if (!Number.isInteger(schemaId) || schemaId < 0 || schemaId > MAX_SCHEMA_ID) {
    throw new RangeError(`schema id ${schemaId} does not fit the 4-byte wire header`);
  }
  buffer.writeUInt8(MAGIC_BYTE, at);
  buffer.writeUInt32BE(schemaId, at + 1);
}

export function encodeWire(schemaId: number, payload: Buffer): Buffer {
  const out = Buffer.allocUnsafe(WIRE_HEADER_BYTES + payload.length);
  writeWireHeader(out, 0, schemaId);
  payload.copy(out, WIRE_HEADER_BYTES);
  return out;
}
