// The seam between the pure pipeline and the Kafka shell. The shell turns Kafka messages into
// InputRecords, asks the pipeline for a ProcessOutcome per record, and only then does I/O.
import type { EnrichedConversationCallback } from '../model/types.js';

export type DlqReason = 'MAGIC_BYTE' | 'UNKNOWN_SCHEMA' | 'DECODE_ERROR' | 'MAPPING_ERROR' | 'ENCODE_ERROR';

/** Why one record cannot be processed. A value, never an exception. */
export interface Rejection {
  reason: DlqReason;
  message: string;
  /** Set when the Confluent wire header parsed (becomes the `dlq.schema.id` header). */
  schemaId?: number;
}

/** One record header. Kafka allows a null value and a key that repeats. */
export interface Header {
  readonly key: string;
  readonly value: Buffer | null;
}

/** A record's headers in their order, as Kafka has them (see headers.ts). */
export type Headers = readonly Header[];

/** One consumed Kafka record, as the pipeline sees it. */
export interface InputRecord {
  topic: string;
  partition: number;
  offset: string;
  /** Kafka record timestamp, epoch millis: the enrichment's eventTime. */
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: Headers;
}

/** One record to send. `topic` is a name from Config, never computed from data. */
export interface OutputRecord {
  topic: string;
  key: Buffer | null;
  /** null only for a dead-lettered tombstone: the DLQ keeps the input value untouched. */
  value: Buffer | null;
  headers: Headers;
}

export type ProcessOutcome =
  | { kind: 'produce'; enriched: EnrichedConversationCallback; records: OutputRecord[] }
  | {
      kind: 'deadLetter';
      rejection: Rejection;
      record: OutputRecord;
      /** The core threw (a bug, not a bad record): the shell counts core_bug_total. */
      coreBug: boolean;
    };
