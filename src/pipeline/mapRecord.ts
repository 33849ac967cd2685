// Step 4: the decoded record → the model, with the SDK enum fallback. A wrong-typed field
// rejects the whole record (never half-mapped); the message names the field.
import { mapAvroCallback } from '../model/mapAvroCallback.js';
import type { MappedCallback, Result } from '../model/types.js';
import type { Rejection } from './types.js';

export function mapRecord(decoded: unknown, schemaId: number): Result<MappedCallback, Rejection> {
  const mapped = mapAvroCallback(decoded);
  if (mapped.ok) return mapped;
  const { path, message } = mapped.error;
  // The model's messages usually start with the field path already (`connectedTime: not a ...`).
  const named = path === '' || message.startsWith(path) ? message : `${path}: ${message}`;
  return { ok: false, error: { reason: 'MAPPING_ERROR', message: named, schemaId } };
}
