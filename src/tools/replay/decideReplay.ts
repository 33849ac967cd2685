// What `replay` does with one dead letter: skip it (filters), refuse it (replayed too often),
// or copy it back. Pure; the filters read the worker's dlq.* headers (CONTRACT §4).
import { DLQ_HEADERS } from '../../pipeline/headerNames.js';
import { headerText } from '../../pipeline/headers.js';
import type { Headers, InputRecord } from '../../pipeline/types.js';

export interface ReplayFilter {
  /** dlq.reason values to replay; empty = every reason. */
  reasons: ReadonlySet<string>;
  /** Dead-lettered at or after (epoch millis). */
  since?: number;
  /** Dead-lettered before (epoch millis). */
  until?: number;
  /** Only records with exactly this key (UTF-8). */
  key?: string;
}

export type ReplayDecision =
  | { action: 'replay'; reason: string; replays: number }
  | { action: 'overLimit'; reason: string; replays: number }
  | { action: 'filtered' };

/** The reason as the worker wrote it; records without one (not from the worker) say so. */
export const UNKNOWN_REASON = '(none)';


/** How often `replay` re-drove this record before; absent or unreadable counts as never. */
export function readReplayCount(headers: Headers): number {
  const count = Number.parseInt(headerText(headers, DLQ_HEADERS.replays) ?? '0', 10);
  return Number.isSafeInteger(count) && count > 0 ? count : 0;
}

/** When the record was dead-lettered: its dlq.failed.at header, else its Kafka timestamp. */
export function readFailedAt(record: InputRecord): number {
  const parsed = Date.parse(headerText(record.headers, DLQ_HEADERS.failedAt) ?? '');
  return Number.isNaN(parsed) ? record.timestamp : parsed;
}

export function readReason(headers: Headers): string {
  return headerText(headers, DLQ_HEADERS.reason) ?? UNKNOWN_REASON;
}

export function decideReplay(record: InputRecord, filter: ReplayFilter, maxReplays: number): ReplayDecision {
  const reason = readReason(record.headers);
  if (filter.reasons.size > 0 && !filter.reasons.has(reason)) return { action: 'filtered' };
  if (filter.key !== undefined && record.key?.toString('utf8') !== filter.key) return { action: 'filtered' };
  const failedAt = readFailedAt(record);
  if (filter.since !== undefined && failedAt < filter.since) return { action: 'filtered' };
  if (filter.until !== undefined && failedAt >= filter.until) return { action: 'filtered' };
  const replays = readReplayCount(record.headers);
  return replays >= maxReplays ? { action: 'overLimit', reason, replays } : { action: 'replay', reason, replays };
}
