// One record as `tail` prints it: a JSON line with its coordinates and its value decoded through
// the registry (writer schema by id). Enriched records get the JSON view `transform` prints;
// other Avro records print as decoded (raw enum symbols included, so unknown values show). Dead
// letters print their headers and the raw value in base64: they are there because they did not
// decode, and the bytes are what a fix needs to look at.
import type avro from 'avsc';
import { decodeEnriched } from '../../model/enrichedCodec.js';
import { toJsonView } from '../../model/toJsonView.js';
import { DLQ_HEADERS } from '../../pipeline/headerNames.js';
import { decodePayload } from '../../pipeline/decodePayload.js';
import { parseWireHeader } from '../../pipeline/parseWireHeader.js';
import { headersToTexts, lastHeaderValue } from '../../pipeline/headers.js';
import type { InputRecord } from '../../pipeline/types.js';

export interface TailContext {
  /** Records of this topic (or carrying dlq.reason) print as dead letters. */
  dlqTopic: string;
  /** The project's enriched type: records written with it print as the JSON view. */
  enrichedType: avro.Type;
  /** Prefetched writer types; undefined = the registry does not know the id. */
  writerTypeFor(schemaId: number): avro.Type | undefined;
}

/** Buffers (Avro bytes/fixed) as base64, bigints as strings: JSON.stringify can print both. */
function jsonSafe(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value !== null && typeof value === 'object' && (value as { type?: unknown }).type === 'Buffer' && Array.isArray((value as { data?: unknown }).data)) {
    return Buffer.from((value as { data: number[] }).data).toString('base64');
  }
  return value;
}


function decodeValue(value: Buffer, context: TailContext): { schemaId?: number; value?: unknown; error?: { reason: string; message: string } } {
  const wire = parseWireHeader(value);
  if (!wire.ok) return { error: { reason: wire.error.reason, message: wire.error.message } };
  const { schemaId, payload } = wire.value;
  const writer = context.writerTypeFor(schemaId);
  if (!writer) return { schemaId, error: { reason: 'UNKNOWN_SCHEMA', message: `schema id ${schemaId} is not in the registry` } };
  if (writer.equals(context.enrichedType)) {
    try {
      return { schemaId, value: toJsonView(decodeEnriched(payload)) };
    } catch {
      // Falls through to the writer's plain decoding, which says what is wrong.
    }
  }
  const decoded = decodePayload(writer, payload, schemaId);
  return decoded.ok ? { schemaId, value: decoded.value } : { schemaId, error: { reason: decoded.error.reason, message: decoded.error.message } };
}

export function isDeadLetter(record: InputRecord, dlqTopic: string): boolean {
  return record.topic === dlqTopic || lastHeaderValue(record.headers, DLQ_HEADERS.reason) !== undefined;
}

export function formatTailRecord(record: InputRecord, context: TailContext): string {
  const base = {
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    timestamp: new Date(record.timestamp).toISOString(),
    key: record.key === null ? null : record.key.toString('utf8'),
    headers: headersToTexts(record.headers),
  };
  if (isDeadLetter(record, context.dlqTopic) || record.value === null) {
    return JSON.stringify({ ...base, value: record.value === null ? null : record.value.toString('base64') });
  }
  const decoded = decodeValue(record.value, context);
  const raw = decoded.error ? { valueBase64: record.value.toString('base64') } : {};
  return JSON.stringify({ ...base, ...decoded, ...raw }, jsonSafe);
}
