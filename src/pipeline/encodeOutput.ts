// Step 6: the enriched record → Confluent wire format with the output schema's id.
import { encodeEnriched } from '../model/enrichedCodec.js';
import type { EnrichedConversationCallback, Result } from '../model/types.js';
import { encodeWire } from './encodeWire.js';
import type { Rejection } from './types.js';

export function encodeOutput(enriched: EnrichedConversationCallback, outputSchemaId: number, inputSchemaId: number): Result<Buffer, Rejection> {
  let body: Buffer;
  try {
    body = encodeEnriched(enriched);
  } catch (error) {
    // avsc reports a value outside the schema (an int field given a 2^40 count by a wider
    // writer schema, say) by throwing: a property of this record, not a bug.
    return { ok: false, error: { reason: 'ENCODE_ERROR', message: `does not encode with the output schema: ${(error as Error).message}`, schemaId: inputSchemaId } };
  }
  return { ok: true, value: encodeWire(outputSchemaId, body) };
}
