// Step 7 (route): one record to OUTPUT_TOPIC plus one copy per matching route topic, all with
// the input key (so per-key order and partitioning hold) and the input headers plus trace headers.
import type { EnrichedConversationCallback } from '../model/types.js';
import { OUTPUT_HEADERS } from './headerNames.js';
import { filterHeaders, textHeader } from './headers.js';
import type { RouteRule } from './parseRoutes.js';
import { selectRoutes } from './selectRoutes.js';
import type { Header, Headers, InputRecord, OutputRecord } from './types.js';

const WORKER_OUTPUT_KEYS: ReadonlySet<string> = new Set(Object.values(OUTPUT_HEADERS));
const isInputOnly = (key: string): boolean => !WORKER_OUTPUT_KEYS.has(key);

// A worker reads a handful of topics and partitions: their headers are built once and shared
// (headers are never mutated once built), not encoded again for every record.
const topicHeaders = new Map<string, Header>();
const partitionHeaders = new Map<number, Header>();

function sharedHeader<K>(cache: Map<K, Header>, key: string, value: K): Header {
  let header = cache.get(value);
  if (header === undefined) {
    header = textHeader(key, String(value));
    cache.set(value, header);
  }
  return header;
}

/**
 * The input headers as they came (repeated keys and null values included), except any the worker
 * sets itself: an input's own `source.offset` would otherwise contradict the worker's.
 */
export function buildOutputHeaders(record: InputRecord, eventId: string): Headers {
  const headers: Header[] = filterHeaders(record.headers, isInputOnly);
  headers.push(
    sharedHeader(topicHeaders, OUTPUT_HEADERS.sourceTopic, record.topic),
    sharedHeader(partitionHeaders, OUTPUT_HEADERS.sourcePartition, record.partition),
    textHeader(OUTPUT_HEADERS.sourceOffset, record.offset),
    textHeader(OUTPUT_HEADERS.eventId, eventId),
  );
  return headers;
}

export function buildOutputRecords(
  record: InputRecord,
  enriched: EnrichedConversationCallback,
  value: Buffer,
  target: { outputTopic: string; routes: readonly RouteRule[] },
): OutputRecord[] {
  const headers = buildOutputHeaders(record, enriched.eventId);
  if (target.routes.length === 0) return [{ topic: target.outputTopic, key: record.key, value, headers }];
  const topics = [target.outputTopic, ...selectRoutes(target.routes, enriched).filter((t) => t !== target.outputTopic)];
  // Copies share the value and header Buffers: they are never mutated after this point.
  return topics.map((topic) => ({ topic, key: record.key, value, headers }));
}
