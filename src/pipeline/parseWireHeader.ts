// The Confluent wire format: magic byte 0, a 4-byte big-endian schema id, then the Avro body.
// Parsed here rather than by the registry client's decoder, which reads the id without checking
// the length: a 1–4 byte value would throw a RangeError before any magic-byte check.
import type { Result } from '../model/types.js';
import type { Rejection } from './types.js';

export const MAGIC_BYTE = 0;
/** Magic byte + schema id. */
export const WIRE_HEADER_BYTES = 5;

export interface WireMessage {
  schemaId: number;
  payload: Buffer;
}

function rejectMagicByte(message: string): Result<WireMessage, Rejection> {
  return { ok: false, error: { reason: 'MAGIC_BYTE', message } };
}

export function parseWireHeader(value: Buffer | null): Result<WireMessage, Rejection> {
  if (value === null) return rejectMagicByte('value is null (a tombstone), not Confluent wire format');
  if (value.length < WIRE_HEADER_BYTES) {
    return rejectMagicByte(`value has ${value.length} bytes, fewer than the ${WIRE_HEADER_BYTES}-byte wire header`);
  }
  const magic = value.readUInt8(0);
  if (magic !== MAGIC_BYTE) return rejectMagicByte(`magic byte is ${magic}, expected ${MAGIC_BYTE}`);
  // subarray shares memory with the consumed message: no copy in the hot path.
  return { ok: true, value: { schemaId: value.readUInt32BE(1), payload: value.subarray(WIRE_HEADER_BYTES) } };
}
