// The DLQ record keeps the input's key, value and headers untouched and adds the error context
// as headers (Kafka Streams ExceptionHandlerUtils, with CONTRACT §4's names).
import type { EpochMillis } from '../model/types.js';
import { DLQ_HEADER_PREFIX, DLQ_HEADERS } from './headerNames.js';
import { filterHeaders, textHeader } from './headers.js';
import type { Header, Headers, InputRecord, Rejection } from './types.js';

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
  // dlq.* headers from an earlier failure would describe that failure, not this one; only
  // the replay count (written by `replay`) travels on. Every other input header stays as it came.
  const headers: Header[] = filterHeaders(record.headers, (key) => !key.startsWith(DLQ_HEADER_PREFIX) || key === DLQ_HEADERS.replays);
  headers.push(
    textHeader(DLQ_HEADERS.reason, rejection.reason),
    textHeader(DLQ_HEADERS.error, truncate(rejection.message)),
    textHeader(DLQ_HEADERS.sourceTopic, record.topic),
    textHeader(DLQ_HEADERS.sourcePartition, String(record.partition)),
    textHeader(DLQ_HEADERS.sourceOffset, record.offset),
    textHeader(DLQ_HEADERS.failedAt, new Date(context.failedAt).toISOString()),
    textHeader(DLQ_HEADERS.worker, context.instanceId),
  );
  if (rejection.schemaId !== undefined) headers.push(textHeader(DLQ_HEADERS.schemaId, String(rejection.schemaId)));
  return headers;
}
