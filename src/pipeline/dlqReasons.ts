// One row per DLQ reason (kafkajs protocol/error.js style): the `dlq.reason` header value, what
// it means, and the metric label. Docs and metrics come from here.
import type { DlqReason } from './types.js';

export interface DlqReasonInfo {
  description: string;
  /** Value of the `reason` label on callback_enricher_records_dead_lettered_total. */
  metricLabel: string;
}

export const DLQ_REASONS = {
  MAGIC_BYTE: {
    description: 'the value is not in Confluent wire format: null, shorter than 5 bytes, or a magic byte other than 0',
    metricLabel: 'magic_byte',
  },
  UNKNOWN_SCHEMA: {
    description: 'the registry answered not-found for the schema id in the wire header',
    metricLabel: 'unknown_schema',
  },
  DECODE_ERROR: {
    description: 'the Avro body does not decode with its writer schema: truncated, trailing bytes, a string that is not UTF-8, or invalid data',
    metricLabel: 'decode_error',
  },
  MAPPING_ERROR: {
    description: 'the decoded record does not map onto the model: a field of the wrong type (or a bug in the core)',
    metricLabel: 'mapping_error',
  },
  ENCODE_ERROR: {
    description: 'the enriched record does not encode with the output schema',
    metricLabel: 'encode_error',
  },
} as const satisfies Record<DlqReason, DlqReasonInfo>;

export const DLQ_REASON_NAMES = Object.keys(DLQ_REASONS) as DlqReason[];
