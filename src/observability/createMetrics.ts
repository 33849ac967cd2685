// Prometheus metrics on a registry of our own (not prom-client's global one), so tests and
// several workers in one process do not share counters. Default Node/process metrics keep their
// standard names (process_*, nodejs_*) so stock dashboards work; ours carry the prefix.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { DLQ_REASONS, DLQ_REASON_NAMES } from '../pipeline/dlqReasons.js';
import type { DlqReason } from '../pipeline/types.js';
import { ENUM_FIELDS } from '../model/enums.js';

export const METRIC_PREFIX = 'callback_enricher_';

/** Batch durations run from ~1 ms (a few records) to seconds (a large batch over a slow link). */
const PROCESSING_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface Metrics {
  readonly registry: Registry;
  recordsIn(count?: number): void;
  recordsOut(count?: number): void;
  recordsRouted(topic: string, count?: number): void;
  recordsDeadLettered(reason: DlqReason, count?: number): void;
  /** field = the enum's path in unknownEnumValues (`state`, `voicemail.uploadStatus`). */
  enumFallback(field: string, count?: number): void;
  coreBug(count?: number): void;
  /** A batch failed with an error not known to be an outage (a bug), by step: prefetch, process, deliver. */
  unexpectedError(stage: string): void;
  /** Seconds from a batch's hand-over to the broker's acknowledgement. */
  observeProcessingSeconds(seconds: number): void;
  consumerLag(topic: string, partition: number, lag: number): void;
  /** Age in seconds of the oldest unprocessed record of a partition (0 without lag). */
  consumerLagSeconds(topic: string, partition: number, seconds: number): void;
  campaignTableSize(size: number): void;
  /** Pipeline threads running now (PIPELINE_THREADS starts them as their partitions' first batches come). */
  pipelineThreads(running: number): void;
  /** The Prometheus text exposition and its content type, for /metrics. */
  metricsText(): Promise<string>;
  readonly contentType: string;
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const n = (name: string) => `${METRIC_PREFIX}${name}`;

  const recordsIn = new Counter({ name: n('records_in_total'), help: 'Input records consumed', registers });
  const recordsOut = new Counter({ name: n('records_out_total'), help: 'Enriched records produced to the output topic', registers });
  const routed = new Counter({ name: n('records_routed_total'), help: 'Copies produced to route topics', labelNames: ['topic'], registers });
  const deadLettered = new Counter({ name: n('records_dead_lettered_total'), help: 'Records sent to the DLQ, by reason', labelNames: ['reason'], registers });
  const fallbacks = new Counter({ name: n('enum_fallbacks_total'), help: 'Enum values that fell back to OutdatedSdkVersion, by field', labelNames: ['field'], registers });
  const coreBugs = new Counter({ name: n('core_bug_total'), help: 'Records the pure core threw on (a bug; dead-lettered as MAPPING_ERROR)', registers });
  const unexpected = new Counter({ name: n('unexpected_errors_total'), help: 'Batch attempts that failed with an error not known to be an outage (a bug; the batch is retried), by step', labelNames: ['stage'], registers });
  const processing = new Histogram({ name: n('processing_seconds'), help: 'Time from batch hand-over to acknowledgement', buckets: PROCESSING_BUCKETS, registers });
  const lag = new Gauge({ name: n('consumer_lag'), help: 'Records behind the high watermark, per owned input partition', labelNames: ['topic', 'partition'], registers });
  const lagSeconds = new Gauge({ name: n('consumer_lag_seconds'), help: 'Age in seconds of the oldest unprocessed record (from record timestamps), per owned input partition; 0 without lag', labelNames: ['topic', 'partition'], registers });
  const tableSize = new Gauge({ name: n('campaign_table_size'), help: 'Campaigns in the in-memory join table', registers });
  const threads = new Gauge({ name: n('pipeline_threads'), help: 'Worker threads running the pipeline (PIPELINE_THREADS); 0 when it runs on the main thread', registers });

  // Zero series exist from the start, so a rate() over a reason that never fired reads 0, not "no data".
  for (const reason of DLQ_REASON_NAMES) deadLettered.inc({ reason: DLQ_REASONS[reason].metricLabel }, 0);
  for (const field of Object.keys(ENUM_FIELDS)) fallbacks.inc({ field }, 0);
  for (const stage of ['prefetch', 'process', 'deliver']) unexpected.inc({ stage }, 0);

  return {
    registry,
    recordsIn: (count = 1) => recordsIn.inc(count),
    recordsOut: (count = 1) => recordsOut.inc(count),
    recordsRouted: (topic, count = 1) => routed.inc({ topic }, count),
    recordsDeadLettered: (reason, count = 1) => deadLettered.inc({ reason: DLQ_REASONS[reason].metricLabel }, count),
    enumFallback: (field, count = 1) => fallbacks.inc({ field }, count),
    coreBug: (count = 1) => coreBugs.inc(count),
    unexpectedError: (stage) => unexpected.inc({ stage }),
    observeProcessingSeconds: (seconds) => processing.observe(seconds),
    consumerLag: (topic, partition, value) => lag.set({ topic, partition: String(partition) }, value),
    consumerLagSeconds: (topic, partition, seconds) => lagSeconds.set({ topic, partition: String(partition) }, seconds),
    campaignTableSize: (size) => tableSize.set(size),
    pipelineThreads: (running) => threads.set(running),
    metricsText: () => registry.metrics(),
    contentType: registry.contentType,
  };
}
