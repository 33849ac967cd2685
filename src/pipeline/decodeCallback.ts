// Steps 3 and 4 together: the Avro body → the model. The one-pass decoder compiled for the
// writer answers almost every record; whatever it is unsure of goes the two-pass way (bounds walk,
// avsc with the writer's schema, mapAvroCallback), which decides every rejection and its message.
import type avro from 'avsc';
import type { MappedCallback, Result } from '../model/types.js';
import { compileCallbackDecoder, type CallbackDecoder } from './compileCallbackDecoder.js';
import { decodePayload } from './decodePayload.js';
import { mapRecord } from './mapRecord.js';
import type { Rejection } from './types.js';

/** Per writer Type (one per schema id): its decoder, or null when its shape has none. */
const DECODERS = new WeakMap<avro.Type, CallbackDecoder | null>();

function decoderFor(writerType: avro.Type): CallbackDecoder | null {
  let decoder = DECODERS.get(writerType);
  if (decoder === undefined) {
    try {
      decoder = compileCallbackDecoder(writerType) ?? null;
    } catch {
      // A schema shape the builder did not foresee costs speed, never a record: two passes it is.
      decoder = null;
    }
    DECODERS.set(writerType, decoder);
  }
  return decoder;
}

/** The two-pass path alone: the reference the one-pass decoder is tested against. */
export function decodeCallbackInTwoPasses(writerType: avro.Type, payload: Buffer, schemaId: number): Result<MappedCallback, Rejection> {
  const decoded = decodePayload(writerType, payload, schemaId);
  return decoded.ok ? mapRecord(decoded.value, schemaId) : decoded;
}

export function decodeCallback(writerType: avro.Type, payload: Buffer, schemaId: number): Result<MappedCallback, Rejection> {
  const fast = decoderFor(writerType)?.(payload);
  return fast !== undefined ? { ok: true, value: fast } : decodeCallbackInTwoPasses(writerType, payload, schemaId);
}
