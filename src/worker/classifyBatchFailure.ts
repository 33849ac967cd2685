// What a batch handler does with an error, decided on the error model (src/errors.ts) alone:
// only a known outage is waited out quietly; anything else is a bug to surface.
import { GroupRebalanceError, isFatal, isRetriable } from '../errors.js';

/** Where in the batch handler the error was thrown. */
export type BatchStage = 'prefetch' | 'process' | 'deliver';

export const BATCH_STAGES: readonly BatchStage[] = ['prefetch', 'process', 'deliver'];

export type BatchFailure =
  /** The group is rebalancing: rethrow, so the consumer rejoins (the new owner repeats the batch). */
  | { kind: 'rebalance' }
  /** No retry can cure it (fenced): the worker stops. */
  | { kind: 'fatal' }
  /** An outage of the registry or the brokers: pause and retry, logged once per outage. */
  | { kind: 'outage'; dependency: 'registry' | 'brokers' }
  /**
   * Not known to be an outage: a bug (a TypeError in the send path, a library refusing a record).
   * Retried with backoff, since skipping or dead-lettering could lose the batch (a send-path bug
   * would fail the DLQ send too), but logged as an error each time, counted, and reported by
   * /readyz once it repeats.
   */
  | { kind: 'unexpected' };

export function classifyBatchFailure(error: unknown, stage: BatchStage): BatchFailure {
  if (error instanceof GroupRebalanceError) return { kind: 'rebalance' };
  if (isFatal(error)) return { kind: 'fatal' };
  if (isRetriable(error)) return { kind: 'outage', dependency: stage === 'deliver' ? 'brokers' : 'registry' };
  return { kind: 'unexpected' };
}
