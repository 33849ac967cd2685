// Batches that fail with an error not known to be an outage (a bug). Each failure is logged as an
// error with the batch's coordinates and counted; the batch is retried with backoff (skipping it
// or dead-lettering it could lose records: a send-path bug fails the DLQ send too); once the same
// partition has failed `unreadyAfter` times in a row, /readyz reports it, so the bug is seen and
// not mistaken for a broker outage.
import type { Logger } from 'pino';
import { describeError } from '../errors.js';
import type { BatchStage } from './classifyBatchFailure.js';
import { computeBackoff, type BackoffOptions } from './createOutageTracker.js';

export interface BatchCoordinates {
  topic: string;
  partition: number;
  /** First and last offset of the batch's records (undefined when it held only markers). */
  firstOffset: string | undefined;
  lastOffset: string | undefined;
}

export interface FailingBatch {
  /** `topic/partition`, as /readyz and the log name it. */
  where: string;
  offsets: string;
  stage: BatchStage;
  attempts: number;
  error: string;
}

export interface FailingBatches {
  /** Records a failed attempt; returns how long to wait before the next one. */
  failed(batch: BatchCoordinates, stage: BatchStage, error: unknown): number;
  /** The partition's batch went through: its count starts again. */
  succeeded(topic: string, partition: number): void;
  /** Partitions whose batch failed at least `unreadyAfter` times in a row. */
  stuck(): FailingBatch[];
  /** After a rebalance: a partition this instance no longer owns is not its failure any more. */
  assigned(topic: string, partitions: readonly number[]): void;
}

export interface FailingBatchesOptions {
  logger: Pick<Logger, 'error' | 'info'>;
  onUnexpected(stage: BatchStage): void;
  unreadyAfter: number;
  backoff: BackoffOptions;
  random?: () => number;
}

export const DEFAULT_UNEXPECTED_BACKOFF: BackoffOptions = { initialMs: 1_000, maxMs: 30_000 };

export function createFailingBatches(options: FailingBatchesOptions): FailingBatches {
  const failing = new Map<string, FailingBatch>();
  return {
    failed(batch, stage, error) {
      const where = `${batch.topic}/${batch.partition}`;
      const offsets = batch.firstOffset === undefined ? '(markers only)' : `${batch.firstOffset}..${batch.lastOffset}`;
      const attempts = (failing.get(where)?.attempts ?? 0) + 1;
      failing.set(where, { where, offsets, stage, attempts, error: describeError(error) });
      options.onUnexpected(stage);
      const afterMs = computeBackoff(attempts - 1, options.backoff, options.random);
      options.logger.error(
        { err: error, topic: batch.topic, partition: batch.partition, offsets, stage, attempts, retryInMs: afterMs },
        `unexpected error in the ${stage} step (a bug, not an outage): batch ${where} offsets ${offsets} is retried`,
      );
      return afterMs;
    },
    succeeded(topic, partition) {
      const where = `${topic}/${partition}`;
      const entry = failing.get(where);
      if (entry === undefined) return;
      failing.delete(where);
      options.logger.info({ topic, partition, attempts: entry.attempts }, `batch ${where} went through after ${entry.attempts} failed attempts`);
    },
    stuck: () => [...failing.values()].filter((entry) => entry.attempts >= options.unreadyAfter),
    assigned(topic, partitions) {
      const owned = new Set(partitions.map((partition) => `${topic}/${partition}`));
      for (const where of failing.keys()) if (!owned.has(where)) failing.delete(where);
    },
  };
}
