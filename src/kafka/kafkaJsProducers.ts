// Producer and TransactionalProducer of streamClient.ts on KafkaJS. Both are idempotent with
// acks=all; KafkaJS then retries sends without limit, so a broker outage is waited out.
import { type Kafka, type Message, type Producer as KafkaJsProducer, type TopicMessages } from 'kafkajs';
import type { Logger } from 'pino';
import { ProducerFencedError } from '../errors.js';
import type { OutputRecord } from '../pipeline/types.js';
import { JavaCompatiblePartitioner } from './javaCompatiblePartitioner.js';
import { isKafkaJsFenced as isFenced } from './kafkaJsToModelError.js';
import type { Producer, TopicPartitionOffset, TransactionalProducer } from './streamClient.js';
import { toKafkaJsHeaders } from './toInputRecord.js';
import { chunkRecords } from './chunkRecords.js';
import { traceKafkaJsTransactions } from './traceKafkaJsTransactions.js';

export { chunkRecords };
export { ProducerFencedError } from '../errors.js';

/** Groups records by topic in their original order: per-key order survives the send. */
export function toTopicMessages(records: OutputRecord[]): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  for (const record of records) {
    let messages = byTopic.get(record.topic);
    if (!messages) byTopic.set(record.topic, (messages = []));
    messages.push({ key: record.key, value: record.value, headers: toKafkaJsHeaders(record.headers) });
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

/** A KafkaJS producer with the settings every producer of the project uses (the bench's passthrough too). */
export function newProducer(kafka: Kafka, transactionalId?: string): KafkaJsProducer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    // Unlimited retries, as KafkaJS requires for idempotence: giving up mid-sequence would break
    // the producer's sequence numbers. A broker outage blocks the send until the broker is back.
    retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 10_000 },
    allowAutoTopicCreation: false,
    // The Java client's murmur2 partitioner: the same key lands on the same partition as with
    // any Java producer, which keeps per-key order across mixed producers.
    createPartitioner: JavaCompatiblePartitioner,
    ...(transactionalId ? { transactionalId, transactionTimeout: 60_000 } : {}),
  });
}

export function createKafkaJsProducer(kafka: Kafka): Producer {
  const producer = newProducer(kafka);
  return {
    connect: () => producer.connect(),
    async send(records) {
      for (const chunk of chunkRecords(records)) {
        await producer.sendBatch({ topicMessages: toTopicMessages(chunk), acks: -1 });
      }
    },
    disconnect: () => producer.disconnect(),
  };
}

export function createKafkaJsTransactionalProducer(kafka: Kafka, transactionalId: string, logger: Logger): TransactionalProducer {
  let producer = newProducer(kafka, transactionalId);
  let startTrace = traceKafkaJsTransactions(producer, transactionalId, logger);
  let needsReinit = false;

  // After a failed abort KafkaJS's transaction state is unknown. A fresh producer with the same
  // id bumps the epoch, which makes the coordinator abort whatever the old one left open. If the
  // broker is still away this throws, and the next attempt tries again.
  async function reinitialise(): Promise<void> {
    await producer.disconnect().catch(() => undefined);
    producer = newProducer(kafka, transactionalId);
    startTrace = traceKafkaJsTransactions(producer, transactionalId, logger);
    await connectAndFence();
    needsReinit = false;
  }

  // KafkaJS registers the transactional id lazily, at the first transaction(). Doing it now, with
  // an empty transaction (no request beyond InitProducerId), fences an older producer with this id
  // and lets the coordinator finish or abort its open transaction before our consumer reads the
  // group's committed offsets, which that transaction may still change.
  async function connectAndFence(): Promise<void> {
    await producer.connect();
    try {
      const empty = await producer.transaction();
      await empty.abort();
    } catch (error) {
      if (isFenced(error)) throw new ProducerFencedError(error);
      throw error;
    }
  }

  return {
    connect: connectAndFence,

    // KafkaJS's TxnOffsetCommit carries only the group id (no KIP-447): generation and member are unused.
    async sendInTransaction(records, offsets: TopicPartitionOffset[], group, beforeCommit) {
      if (needsReinit) await reinitialise();
      const trace = startTrace();
      let transaction;
      try {
        transaction = await producer.transaction();
        trace.mark('begin');
      } catch (error) {
        if (isFenced(error)) throw new ProducerFencedError(error);
        needsReinit = true;
        throw error;
      }
      try {
        for (const chunk of chunkRecords(records)) {
          await transaction.sendBatch({ topicMessages: toTopicMessages(chunk), acks: -1 });
        }
        trace.mark('send');
        await transaction.sendOffsets({
          consumerGroupId: group.groupId,
          topics: groupByTopic(offsets),
        });
        trace.mark('offsets');
        if (beforeCommit) await beforeCommit();
        trace.mark('confirm');
        await transaction.commit();
        trace.mark('commit');
        trace.end('committed', records.length);
      } catch (error) {
        trace.end('aborted', records.length);
        if (isFenced(error)) throw new ProducerFencedError(error);
        try {
          if (transaction.isActive()) await transaction.abort();
        } catch (abortError) {
          if (isFenced(abortError)) throw new ProducerFencedError(abortError);
          logger.warn({ err: abortError }, 'transaction abort failed; the transactional producer is re-initialised before the next attempt');
          needsReinit = true;
        }
        throw error;
      }
    },

    disconnect: () => producer.disconnect(),
  };
}

function groupByTopic(offsets: TopicPartitionOffset[]): Array<{ topic: string; partitions: Array<{ partition: number; offset: string }> }> {
  const byTopic = new Map<string, Array<{ partition: number; offset: string }>>();
  for (const { topic, partition, offset } of offsets) {
    let partitions = byTopic.get(topic);
    if (!partitions) byTopic.set(topic, (partitions = []));
    partitions.push({ partition, offset });
  }
  return [...byTopic].map(([topic, partitions]) => ({ topic, partitions }));
}
