// The shell prefetches every writer schema a batch needs before processing it, so the per-record
// path stays synchronous. Values without a valid wire header contribute nothing: they go to the
// DLQ as MAGIC_BYTE without a registry call.
import { parseWireHeader } from './parseWireHeader.js';

export function collectSchemaIds(records: Iterable<{ value: Buffer | null }>): Set<number> {
  const ids = new Set<number>();
  for (const record of records) {
    const header = parseWireHeader(record.value);
    if (header.ok) ids.add(header.value.schemaId);
  }
  return ids;
}
