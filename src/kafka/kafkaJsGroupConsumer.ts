// The GroupConsumer of streamClient.ts on KafkaJS: eachBatch, autoCommit off, offsets resolved
// only for batches the handler reports done. A batch the handler defers is fetched again after
// a pause; a handler that throws is treated the same, so one bad batch never crash-loops KafkaJS.
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import {
  DEFAULT_FETCH_MAX_BYTES_PER_PARTITION, GroupRebalanceError,
  type BatchHandler, type GroupAssignment, type GroupConsumer, type GroupConsumerOptions, type TopicPartitionOffset,
} from './streamClient.js';
import { findKafkaJsErrorOfType } from './kafkaJsErrorChain.js';
import { toInputRecord } from './toInputRecord.js';

// KafkaJS signals a rebalance by throwing these from heartbeat/commit; it must see them to rejoin.
const REJOIN_ERRORS = new Set(['REBALANCE_IN_PROGRESS', 'ILLEGAL_GENERATION', 'UNKNOWN_MEMBER_ID', 'NOT_COORDINATOR']);
const HANDLER_ERROR_RETRY_MS = 1_000;

/**
 * The rebalance error itself, also when KafkaJS's retrier wrapped it: KafkaJS's fetch loop
 * rejoins only on the unwrapped type.
 */
const rejoinErrorOf = (error: unknown): Error | undefined => findKafkaJsErrorOfType(error, REJOIN_ERRORS);

/** The offset after the batch: KafkaJS's lastOffset() already counts filtered control records. */
function nextOffsetOf(payload: EachBatchPayload): string {
  return (BigInt(payload.batch.lastOffset()) + 1n).toString();
}

export function createKafkaJsGroupConsumer(kafka: Kafka, options: GroupConsumerOptions, logger: Logger): GroupConsumer {
  const consumer: Consumer = kafka.consumer({
    groupId: options.groupId,
    sessionTimeout: options.sessionTimeoutMs ?? 30_000,
    heartbeatInterval: Math.max(1_000, Math.floor((options.sessionTimeoutMs ?? 30_000) / 10)),
    allowAutoTopicCreation: false,
    // How long an idle fetch waits at the broker, and how long KafkaJS sleeps while every
    // partition is paused: it bounds both the resume delay after an outage and the shutdown time.
    maxWaitTimeInMs: options.maxWaitTimeMs ?? 500,
    maxBytesPerPartition: options.maxBytesPerPartition ?? DEFAULT_FETCH_MAX_BYTES_PER_PARTITION,
  });
  const resumeTimers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<Promise<void>>();
  let subscribedTopic: string | undefined;
  let stopping = false;
  // KafkaJS keeps the generation to itself; the member id comes with each GROUP_JOIN event.
  let memberId = '';
  consumer.on(consumer.events.GROUP_JOIN, (event) => { memberId = event.payload.memberId; });

  function pauseFor(payload: EachBatchPayload, afterMs: number): void {
    const resume = payload.pause();
    const timer = setTimeout(() => {
      resumeTimers.delete(timer);
      resume();
    }, afterMs);
    resumeTimers.add(timer);
  }

  async function handle(payload: EachBatchPayload, eachBatch: BatchHandler): Promise<void> {
    // Stopping: a batch handed over now is left unresolved, to be fetched again after a restart.
    if (stopping) return;
    const { batch } = payload;
    const consumed = {
      topic: batch.topic,
      partition: batch.partition,
      highWatermark: batch.highWatermark,
      records: batch.messages.map((message) => toInputRecord(batch.topic, batch.partition, message)),
      nextOffset: nextOffsetOf(payload),
    };
    const control = {
      // A rebalance learnt by a heartbeat is the model's GroupRebalanceError, as from commit().
      heartbeat: () => payload.heartbeat().catch((error: unknown) => {
        const rejoin = rejoinErrorOf(error);
        throw rejoin ? new GroupRebalanceError(rejoin) : error;
      }),
      isActive: () => !stopping && payload.isRunning() && !payload.isStale(),
      groupMetadata: () => ({ groupId: options.groupId, generationId: -1, memberId }),
    };
    let result;
    try {
      result = await eachBatch(consumed, control);
    } catch (error) {
      // KafkaJS must see its own rebalance error to rejoin the group.
      const rejoin = rejoinErrorOf(error instanceof GroupRebalanceError ? error.cause : error);
      if (rejoin) throw rejoin;
      logger.error({ err: error, topic: batch.topic, partition: batch.partition }, 'batch handler failed; retrying the batch');
      result = { kind: 'retry', afterMs: HANDLER_ERROR_RETRY_MS } as const;
    }
    if (result.kind === 'done') {
      payload.resolveOffset(batch.lastOffset());
    } else if (!stopping) {
      pauseFor(payload, result.afterMs);
    }
  }

  return {
    connect: () => consumer.connect(),

    async run(topic, eachBatch) {
      subscribedTopic = topic;
      await consumer.subscribe({ topics: [topic], fromBeginning: options.fromBeginning });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 1,
        eachBatch: (payload) => {
          const handling = handle(payload, eachBatch);
          inFlight.add(handling);
          return handling.finally(() => inFlight.delete(handling));
        },
      });
    },

    async commit(offsets: TopicPartitionOffset[]) {
      try {
        await consumer.commitOffsets(offsets);
      } catch (error) {
        const rejoin = rejoinErrorOf(error);
        throw rejoin ? new GroupRebalanceError(rejoin) : error;
      }
    },

    async disconnect() {
      stopping = true;
      for (const timer of resumeTimers) clearTimeout(timer);
      resumeTimers.clear();
      // KafkaJS drops commitOffsets() silently once stop() has begun, so the batch in hand must
      // finish (and commit) before stop(). Pausing first keeps new batches from being handed over.
      if (subscribedTopic !== undefined) consumer.pause([{ topic: subscribedTopic }]);
      await Promise.allSettled([...inFlight]);
      // stop() leaves the group; disconnect() closes the sockets.
      await consumer.stop();
      await consumer.disconnect();
    },

    onAssignment(listener) {
      consumer.on(consumer.events.GROUP_JOIN, (event) => {
        const assignment: GroupAssignment[] = Object.entries(event.payload.memberAssignment)
          .map(([topic, partitions]) => ({ topic, partitions: [...partitions] }));
        listener(assignment);
      });
    },

    onCrash(listener) {
      consumer.on(consumer.events.CRASH, (event) => {
        // KafkaJS restarts the consumer itself when `restart` is true; only a final crash is news.
        if (!event.payload.restart) listener(event.payload.error);
      });
    },
  };
}
