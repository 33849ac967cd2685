// Step 3: Avro body → plain object, with the writer's schema (never a reader schema whose enum
// default would replace an unknown symbol before the model's fallback could record it).
import type avro from 'avsc';
import type { Result } from '../model/types.js';
import { checkAvroBounds } from '../model/checkAvroBounds.js';
import type { Rejection } from './types.js';
import { describeError } from '../errors.js';

export function decodePayload(writerType: avro.Type, payload: Buffer, schemaId: number): Result<unknown, Rejection> {
  const reject = (message: string): Result<unknown, Rejection> =>
    ({ ok: false, error: { reason: 'DECODE_ERROR', message, schemaId } });
  // Before avsc sees the bytes: a huge block count would exhaust the heap, not throw.
  const violation = checkAvroBounds(writerType, payload);
  if (violation !== undefined) return reject(violation);
  try {
    return { ok: true, value: writerType.fromBuffer(payload) };
  } catch (error) {
    // avsc reports bad data by throwing (invalid union or enum index, unsafe long, ...):
    // for untrusted bytes that is an expected outcome, not a bug.
    return reject(`Avro body does not decode with schema ${schemaId}: ${describeError(error)}`);
  }
}
