// The worker's loop body, one partition batch at a time:
//   collect schema ids → prefetch writer schemas (one await) → processRecord per record (on this
//   thread, or a pipeline thread's: one await)
//   → deliver every output, route and DLQ record plus the offset (one await) → done.
// An outage at either await defers the whole batch (pause, then refetch from the same offset),
// so nothing is skipped, nothing is dead-lettered for it, and in-partition order holds. Any other
// error is a bug: surfaced (failingBatches) and retried, never taken for an outage. Both awaits
// heartbeat, so a slow registry or send never gets the member expelled.
import type { OutputRecord } from '../pipeline/types.js';
import type { FatalError } from '../errors.js';
import { collectSchemaIds } from '../pipeline/collectSchemaIds.js';
import type { BatchControl, BatchHandler, BatchResult, ConsumedBatch } from '../kafka/streamClient.js';
import { awaitWithHeartbeat } from './awaitWithHeartbeat.js';
import { classifyBatchFailure, type BatchStage } from './classifyBatchFailure.js';
import type { Delivery } from './createDelivery.js';
import type { FailingBatches } from './createFailingBatches.js';
import type { OutageTracker } from './createOutageTracker.js';
import type { ProcessRecords, RecordStats } from './processRecords.js';

export interface BatchStats extends RecordStats {
  partition: number;
  records: number;
  /** From fetch hand-over to the broker's ack. */
  durationMs: number;
  /** Of which: decode → encode of every record (the pure core). */
  processMs: number;
}

export interface BatchHandlerDeps {
  prefetch(schemaIds: Set<number>): Promise<void>;
  /** processRecord over the batch's records (processRecords.ts), here or on a pipeline thread. */
  processRecords: ProcessRecords;
  delivery: Delivery;
  registryState: OutageTracker;
  brokerState: OutageTracker;
  /** Errors not known to be an outage. */
  failingBatches: FailingBatches;
  /** How often the group is heartbeaten while a batch waits (well below the session timeout). */
  heartbeatIntervalMs: number;
  clock: () => number;
  onDelivered(stats: BatchStats): void;
  /** An error no retry can cure (fenced by a newer instance with our transactional id). */
  onFatal(error: Error): void;
}

const AFTER_FATAL_MS = 60_000;

export function createBatchHandler(deps: BatchHandlerDeps): BatchHandler {
  function onFailure(batch: ConsumedBatch, stage: BatchStage, error: unknown): BatchResult {
    const failure = classifyBatchFailure(error, stage);
    switch (failure.kind) {
      case 'rebalance':
        throw error;
      case 'fatal':
        deps.onFatal(error as FatalError);
        return { kind: 'retry', afterMs: AFTER_FATAL_MS };
      case 'outage': {
        const tracker = failure.dependency === 'registry' ? deps.registryState : deps.brokerState;
        return { kind: 'retry', afterMs: tracker.failed(error) };
      }
      case 'unexpected':
        return {
          kind: 'retry',
          afterMs: deps.failingBatches.failed({
            topic: batch.topic, partition: batch.partition,
            firstOffset: batch.records[0]?.offset, lastOffset: batch.records.at(-1)?.offset,
          }, stage, error),
        };
    }
  }

  return async (batch, control: BatchControl) => {
    const started = deps.clock();
    const heartbeat = (abandonOnRebalance: boolean) => ({ intervalMs: deps.heartbeatIntervalMs, abandonOnRebalance });
    try {
      await awaitWithHeartbeat(deps.prefetch(collectSchemaIds(batch.records)), control, heartbeat(true));
      deps.registryState.succeeded();
    } catch (error) {
      return onFailure(batch, 'prefetch', error);
    }

    let records: OutputRecord[];
    let stats: BatchStats;
    try {
      // processRecord dead-letters what it rejects and only throws what is retriable (the
      // registry went away mid-batch); anything else thrown here is a bug of this loop (or a
      // pipeline thread that died).
      const processed = await deps.processRecords(batch.records, started);
      records = processed.records;
      stats = { ...processed.stats, partition: batch.partition, records: batch.records.length, durationMs: 0, processMs: deps.clock() - started };
    } catch (error) {
      return onFailure(batch, 'process', error);
    }

    try {
      const next = { topic: batch.topic, partition: batch.partition, offset: batch.nextOffset };
      await awaitWithHeartbeat(deps.delivery.deliver(records, next, control), control, heartbeat(false));
      deps.brokerState.succeeded();
    } catch (error) {
      return onFailure(batch, 'deliver', error);
    }
    deps.failingBatches.succeeded(batch.topic, batch.partition);
    stats.durationMs = deps.clock() - started;
    deps.onDelivered(stats);
    return { kind: 'done' };
  };
}
