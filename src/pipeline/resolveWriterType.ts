// Step 2: the writer's schema for the id in the wire header. The lookup is synchronous: the
// shell prefetched every id of the batch (collectSchemaIds), so no await per record.
import type avro from 'avsc';
import type { Result } from '../model/types.js';
import type { Rejection } from './types.js';

/** undefined = the registry answered not-found for this id (never used for an outage). */
export interface WriterTypeSource { writerTypeFor(schemaId: number): avro.Type | undefined }

/** Called as a method of `source` (ProcessDeps): no function object is built per record to bind it. */
export function resolveWriterType(source: WriterTypeSource, schemaId: number): Result<avro.Type, Rejection> {
  const type = source.writerTypeFor(schemaId);
  if (type === undefined) {
    return { ok: false, error: { reason: 'UNKNOWN_SCHEMA', message: `schema id ${schemaId} is not in the registry`, schemaId } };
  }
  return { ok: true, value: type };
}
