// The worker's loop body, one partition batch at a time:
//   collect schema ids → prefetch writer schemas (one await) → processRecord per record (sync)
//   → deliver every output, route and DLQ record plus the offset (one await) → done.
// An outage at either await defers the whole batch (pause, then refetch from the same offset),
// so nothing is skipped, nothing is dead-lettered for it, and in-partition order holds. Any other
// error is a bug: surfaced (failingBatches) and retried, never taken for an outage. Both awaits
// heartbeat, so a slow registry or send never gets the member expelled.
import type { DlqReason, InputRecord, OutputRecord, ProcessOutcome } from '../pipeline/types.js';
import type { FatalError } from '../errors.js';
import { collectSchemaIds } from '../pipeline/collectSchemaIds.js';
import type { BatchControl, BatchHandler, BatchResult, ConsumedBatch } from '../kafka/streamClient.js';
import { awaitWithHeartbeat } from './awaitWithHeartbeat.js';
import { classifyBatchFailure, type BatchStage } from './classifyBatchFailure.js';
import type { Delivery } from './createDelivery.js';
import type { FailingBatches } from './createFailingBatches.js';
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

function newStats(batch: ConsumedBatch): BatchStats {
  return {
    partition: batch.partition, records: batch.records.length, produced: 0, routed: new Map(),
    deadLettered: [], coreBugs: 0, enumFallbacks: [], durationMs: 0, processMs: 0,
  };
}

function processAll(batch: ConsumedBatch, started: number, deps: BatchHandlerDeps, stats: BatchStats): OutputRecord[] {
  const records: OutputRecord[] = [];
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
  return records;
}

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

    const stats = newStats(batch);
    let records: OutputRecord[];
    try {
      // processRecord dead-letters what it rejects and only throws what is retriable (the
      // registry went away mid-batch); anything else thrown here is a bug of this loop.
      records = processAll(batch, started, deps, stats);
    } catch (error) {
      return onFailure(batch, 'process', error);
    }

    stats.processMs = deps.clock() - started;
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
