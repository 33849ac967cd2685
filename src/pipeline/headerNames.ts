// Header names the worker writes. The dlq.* names are CONTRACT §4; replay strips every header
// with DLQ_HEADER_PREFIX and carries `dlq.replays` over.

export const DLQ_HEADER_PREFIX = 'dlq.';

export const DLQ_HEADERS = {
  reason: 'dlq.reason',
  error: 'dlq.error',
  sourceTopic: 'dlq.source.topic',
  sourcePartition: 'dlq.source.partition',
  sourceOffset: 'dlq.source.offset',
  failedAt: 'dlq.failed.at',
  worker: 'dlq.worker',
  schemaId: 'dlq.schema.id',
  replays: 'dlq.replays',
} as const;

/** Added to every enriched and routed record so a consumer can trace it back to its input. */
export const OUTPUT_HEADERS = {
  sourceTopic: 'source.topic',
  sourcePartition: 'source.partition',
  sourceOffset: 'source.offset',
  eventId: 'event.id',
} as const;
