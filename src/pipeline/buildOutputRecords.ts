// Step 7 (route): one record to OUTPUT_TOPIC plus one copy per matching route topic, all with
// the input key (so per-key order and partitioning hold) and the input headers plus trace headers.
import type { EnrichedConversationCallback } from '../model/types.js';
import { OUTPUT_HEADERS } from './headerNames.js';
import type { RouteRule } from './parseRoutes.js';
import { selectRoutes } from './selectRoutes.js';
import type { Headers, InputRecord, OutputRecord } from './types.js';

export function buildOutputHeaders(record: InputRecord, eventId: string): Headers {
  return {
    ...record.headers,
    [OUTPUT_HEADERS.sourceTopic]: Buffer.from(record.topic),
    [OUTPUT_HEADERS.sourcePartition]: Buffer.from(String(record.partition)),
    [OUTPUT_HEADERS.sourceOffset]: Buffer.from(record.offset),
    [OUTPUT_HEADERS.eventId]: Buffer.from(eventId),
  };
}

export function buildOutputRecords(
  record: InputRecord,
  enriched: EnrichedConversationCallback,
  value: Buffer,
  target: { outputTopic: string; routes: readonly RouteRule[] },
): OutputRecord[] {
  const headers = buildOutputHeaders(record, enriched.eventId);
  const topics = [target.outputTopic, ...selectRoutes(target.routes, enriched).filter((t) => t !== target.outputTopic)];
  // Copies share the value and header Buffers: they are never mutated after this point.
  return topics.map((topic) => ({ topic, key: record.key, value, headers }));
}
