// The writing side of parseWireHeader: magic byte, 4-byte big-endian schema id, Avro body.
import { MAGIC_BYTE, WIRE_HEADER_BYTES } from './parseWireHeader.js';

/** Largest id the 4-byte header can carry (registries hand out positive ints). */
const MAX_SCHEMA_ID = 0xffff_ffff;

export function encodeWire(schemaId: number, payload: Buffer): Buffer {
  if (!Number.isInteger(schemaId) || schemaId < 0 || schemaId > MAX_SCHEMA_ID) {
    throw new RangeError(`schema id ${schemaId} does not fit the 4-byte wire header`);
  }
  const out = Buffer.allocUnsafe(WIRE_HEADER_BYTES + payload.length);
  out.writeUInt8(MAGIC_BYTE, 0);
  out.writeUInt32BE(schemaId, 1);
  payload.copy(out, WIRE_HEADER_BYTES);
  return out;
}
