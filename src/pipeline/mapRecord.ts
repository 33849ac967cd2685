// Step 4: the decoded record → the model, with the SDK enum fallback. A wrong-typed field
// rejects the whole record (never half-mapped); the message names the field.
import { mapAvroCallback } from '../model/mapAvroCallback.js';
import { formatRejection } from '../model/mapFields.js';
import type { MappedCallback, Result } from '../model/types.js';
import type { Rejection } from './types.js';

export function mapRecord(decoded: unknown, schemaId: number): Result<MappedCallback, Rejection> {
  const mapped = mapAvroCallback(decoded);
  if (mapped.ok) return mapped;
  return { ok: false, error: { reason: 'MAPPING_ERROR', message: formatRejection(mapped.error), schemaId } };
}
