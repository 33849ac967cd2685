// Step 6: the enriched record → Confluent wire format with the output schema's id.
import type avro from 'avsc';
import { encodeEnrichedFromInput } from '../model/enrichedCodec.js';
import type { EnrichedConversationCallback, Result } from '../model/types.js';
import { writeWireHeader } from './encodeWire.js';
import { WIRE_HEADER_BYTES } from './parseWireHeader.js';
import type { Rejection } from './types.js';
import { describeError } from '../errors.js';

/** Where the callback came from: its writer and Avro body, reused when the writer is canonical. */
export interface EncodeInput {
  schemaId: number;
  writerType: avro.Type;
  payload: Buffer;
}

export function encodeOutput(enriched: EnrichedConversationCallback, outputSchemaId: number, input: EncodeInput): Result<Buffer, Rejection> {
  let framed: Buffer;
  try {
    // A canonical writer's body is copied as the output's callback (more than half the encode
    // time otherwise, BENCHMARKS.md); any other writer's callback is encoded from the model.
    // The body is written after room for the wire header: one buffer, one copy.
    framed = encodeEnrichedFromInput(enriched, input, WIRE_HEADER_BYTES);
  } catch (error) {
    // avsc reports a value outside the schema (an int field given a 2^40 count by a wider
    // writer schema, say) by throwing: a property of this record, not a bug.
    return { ok: false, error: { reason: 'ENCODE_ERROR', message: `does not encode with the output schema: ${describeError(error)}`, schemaId: input.schemaId } };
  }
  writeWireHeader(framed, 0, outputSchemaId);
  return { ok: true, value: framed };
}
