// The worker's loop body, one partition batch at a time:
//   collect schema ids → prefetch writer schemas (one await) → processRecord per record (sync)
//   → deliver every output, route and DLQ record plus the offset (one await) → done.
// An outage at either await defers the whole batch (pause, then refetch from the same offset),
// so nothing is skipped, nothing is dead-lettered for it, and in-partition order holds.
import type { DlqReason, InputRecord, OutputRecord, ProcessOutcome } from '../pipeline/types.js';
import { collectSchemaIds } from '../pipeline/collectSchemaIds.js';
import { GroupRebalanceError, type BatchHandler } from '../kafka/streamClient.js';
import type { Delivery } from './createDelivery.js';
import type { OutageTracker } from './createOutageTracker.js';

export interface BatchStats {
  partition: number;
  records: number;
  produced: number;
  /** Route copies per route topic. */
  routed: Map<string, number>;
  deadLettered: DlqReason[];
  coreBugs: number;
  /** Field paths (`state`, `voicemail.uploadStatus`) of every enum value that fell back. */
  enumFallbacks: string[];
  /** From fetch hand-over to the broker's ack. */
  durationMs: number;
  /** Of which: decode → encode of every record (the pure core). */
  processMs: number;
}

export interface BatchHandlerDeps {
  prefetch(schemaIds: Set<number>): Promise<void>;
  process(record: InputRecord, now: number): ProcessOutcome;
  delivery: Delivery;
  registryState: OutageTracker;
  brokerState: OutageTracker;
  clock: () => number;
  onDelivered(stats: BatchStats): void;
  /** An error no retry can cure (fenced by a newer instance with our transactional id). */
  onFatal(error: Error): void;
}

// Only fencing ends the worker. Every other send or commit error is treated as an outage and
// retried (when in doubt, wait rather than skip or dead-letter).
function isFatal(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'ProducerFencedError';
}

export function createBatchHandler(deps: BatchHandlerDeps): BatchHandler {
  return async (batch, control) => {
    const started = deps.clock();
    try {
      await deps.prefetch(collectSchemaIds(batch.records));
      deps.registryState.succeeded();
    } catch (error) {
      return { kind: 'retry', afterMs: deps.registryState.failed(error) };
    }

    const records: OutputRecord[] = [];
    const stats: BatchStats = {
      partition: batch.partition, records: batch.records.length, produced: 0, routed: new Map(),
      deadLettered: [], coreBugs: 0, enumFallbacks: [], durationMs: 0, processMs: 0,
    };
    try {
      for (const record of batch.records) {
        const outcome = deps.process(record, started);
        if (outcome.kind === 'produce') {
          records.push(...outcome.records);
          stats.produced += 1;
          // records[0] is the OUTPUT_TOPIC copy; the rest are route copies.
          for (let i = 1; i < outcome.records.length; i += 1) {
            const topic = outcome.records[i]!.topic;
            stats.routed.set(topic, (stats.routed.get(topic) ?? 0) + 1);
          }
          stats.enumFallbacks.push(...Object.keys(outcome.enriched.unknownEnumValues));
        } else {
          records.push(outcome.record);
          stats.deadLettered.push(outcome.rejection.reason);
          if (outcome.coreBug) stats.coreBugs += 1;
        }
      }
    } catch (error) {
      // processRecord only throws what it marks retriable: the registry went away mid-batch.
      return { kind: 'retry', afterMs: deps.registryState.failed(error) };
    }

    stats.processMs = deps.clock() - started;
    try {
      await deps.delivery.deliver(records, { topic: batch.topic, partition: batch.partition, offset: batch.nextOffset }, control);
      deps.brokerState.succeeded();
    } catch (error) {
      // A rebalance is not an outage: the consumer rejoins, the new owner repeats the batch.
      if (error instanceof GroupRebalanceError) throw error;
      if (isFatal(error)) {
        deps.onFatal(error as Error);
        return { kind: 'retry', afterMs: 60_000 };
      }
      return { kind: 'retry', afterMs: deps.brokerState.failed(error) };
    }
    stats.durationMs = deps.clock() - started;
    deps.onDelivered(stats);
    return { kind: 'done' };
  };
}
