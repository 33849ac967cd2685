// The DLQ record keeps the input's key, value and headers untouched and adds the error context
// as headers (Kafka Streams ExceptionHandlerUtils, with CONTRACT §4's names).
import type { EpochMillis } from '../model/types.js';
import { DLQ_HEADER_PREFIX, DLQ_HEADERS } from './headerNames.js';
import type { Headers, InputRecord, Rejection } from './types.js';

/** A header value is not a log: long messages (a huge invalid value quoted) are cut. */
export const MAX_DLQ_ERROR_LENGTH = 1000;

export interface DlqContext {
  instanceId: string;
  failedAt: EpochMillis;
}

function truncate(text: string): string {
  return text.length <= MAX_DLQ_ERROR_LENGTH ? text : `${text.slice(0, MAX_DLQ_ERROR_LENGTH - 1)}…`;
}

export function buildDlqHeaders(record: InputRecord, rejection: Rejection, context: DlqContext): Headers {
  const headers: Headers = {};
  // dlq.* headers from an earlier failure would describe that failure, not this one; only
  // the replay count (written by `replay`) travels on.
  for (const [name, value] of Object.entries(record.headers)) {
    if (!name.startsWith(DLQ_HEADER_PREFIX) || name === DLQ_HEADERS.replays) headers[name] = value;
  }
  headers[DLQ_HEADERS.reason] = Buffer.from(rejection.reason);
  headers[DLQ_HEADERS.error] = Buffer.from(truncate(rejection.message));
  headers[DLQ_HEADERS.sourceTopic] = Buffer.from(record.topic);
  headers[DLQ_HEADERS.sourcePartition] = Buffer.from(String(record.partition));
  headers[DLQ_HEADERS.sourceOffset] = Buffer.from(record.offset);
  headers[DLQ_HEADERS.failedAt] = Buffer.from(new Date(context.failedAt).toISOString());
  headers[DLQ_HEADERS.worker] = Buffer.from(context.instanceId);
  if (rejection.schemaId !== undefined) headers[DLQ_HEADERS.schemaId] = Buffer.from(String(rejection.schemaId));
  return headers;
}
