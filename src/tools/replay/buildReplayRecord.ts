// The record `replay` writes back: the dead letter's original key, value and headers, minus the
// worker's dlq.* context, plus the replay count. Keeping the key keeps the partition, so per-key
// order holds against records that were never dead-lettered.
import { DLQ_HEADER_PREFIX, DLQ_HEADERS } from '../../pipeline/headerNames.js';
import { filterHeaders, textHeader } from '../../pipeline/headers.js';
import type { Header, Headers, InputRecord, OutputRecord } from '../../pipeline/types.js';
import { readReplayCount } from './decideReplay.js';

export function buildReplayHeaders(headers: Headers): Headers {
  const out: Header[] = filterHeaders(headers, (key) => !key.startsWith(DLQ_HEADER_PREFIX));
  out.push(textHeader(DLQ_HEADERS.replays, String(readReplayCount(headers) + 1)));
  return out;
}

export function buildReplayRecord(record: InputRecord, topic: string): OutputRecord {
  return { topic, key: record.key, value: record.value, headers: buildReplayHeaders(record.headers) };
}
