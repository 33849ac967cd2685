// A debug-level trace of one KafkaJS transaction: how long each step took and which requests it
// made. It is how the exactly-once latency was explained (BENCHMARKS.md, latency): a transaction
// whose partitions step takes hundreds of ms while its requests take a few is waiting in a retry
// (the coordinator answered CONCURRENT_TRANSACTIONS while the previous transaction completed).
// Built only when the logger is at debug: at other levels it costs nothing per transaction.
import type { Producer as KafkaJsProducer } from 'kafkajs';
import type { Logger } from 'pino';

export type TransactionStep = 'begin' | 'send' | 'offsets' | 'confirm' | 'commit';

export interface TransactionTrace {
  /** The step that has just ended (its time runs from the previous mark). */
  mark(step: TransactionStep): void;
  /** Logs the transaction at debug; `outcome` says how it ended. */
  end(outcome: 'committed' | 'aborted', records: number): void;
}

interface RequestTally { count: number; ms: number }

const NO_TRACE: TransactionTrace = { mark: () => undefined, end: () => undefined };

/**
 * Traces the transactions of `producer` (one at a time: a KafkaJS transactional producer runs no
 * two at once). Returns `start`, which begins the trace of the next transaction.
 */
export function traceKafkaJsTransactions(producer: KafkaJsProducer, transactionalId: string, logger: Logger): () => TransactionTrace {
  if (!logger.isLevelEnabled('debug')) return () => NO_TRACE;
  let requests: Map<string, RequestTally> | undefined;
  // Every response (an error response too) ends a request event; its duration is the round trip.
  producer.on(producer.events.REQUEST, ({ payload }) => {
    if (!requests) return;
    const tally = requests.get(payload.apiName) ?? { count: 0, ms: 0 };
    tally.count += 1;
    tally.ms += payload.duration;
    requests.set(payload.apiName, tally);
  });
  return () => {
    const started = performance.now();
    let last = started;
    const steps: Partial<Record<TransactionStep, number>> = {};
    requests = new Map();
    return {
      mark(step) {
        const now = performance.now();
        steps[step] = Math.round(now - last);
        last = now;
      },
      end(outcome, records) {
        const calls = Object.fromEntries([...(requests ?? [])].map(([api, { count, ms }]) => [api, { count, ms }]));
        requests = undefined;
        logger.debug({ transactionalId, outcome, records, ms: Math.round(performance.now() - started), steps, requests: calls }, 'transaction traced');
      },
    };
  };
}
