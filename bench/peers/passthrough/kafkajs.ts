// The ceiling of any worker on KafkaJS: consume in batches (eachBatch, as the worker does), send
// the same bytes to the same partition with the worker's producer settings (idempotent, acks=all,
// the same retries), and commit once per batch: in the group (at-least-once) or in one
// transaction with the records (exactly-once). No decode, no enrichment.
import { Kafka, logLevel } from 'kafkajs';
import { chunkRecords, newProducer } from '../../../src/kafka/kafkaJsProducers.js';
import type { OutputRecord } from '../../../src/pipeline/types.js';
import type { StartPassthrough } from './passthroughConfig.js';

export const startPassthrough: StartPassthrough = async (config) => {
  const kafka = new Kafka({ clientId: 'bench-passthrough-kafkajs', brokers: config.brokers, logLevel: logLevel.ERROR });
  const producer = newProducer(kafka, config.exactlyOnce ? `${config.groupId}-tx` : undefined);
  const consumer = kafka.consumer({ groupId: config.groupId, maxWaitTimeInMs: 500 });
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topic: config.inputTopic, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    eachBatch: async ({ batch, resolveOffset }) => {
      if (batch.messages.length === 0) return;
      const records: OutputRecord[] = batch.messages.map((m) => ({ topic: config.outputTopic, key: m.key ?? null, value: m.value, headers: [] }));
      // Chunked as the worker's producer does: the broker refuses requests above message.max.bytes.
      const chunks = chunkRecords(records).map((chunk) => ({
        topic: config.outputTopic, acks: -1, messages: chunk.map(({ key, value }) => ({ key, value, partition: batch.partition })),
      }));
      const offsets = [{ topic: batch.topic, partition: batch.partition, offset: (BigInt(batch.lastOffset()) + 1n).toString() }];
      if (!config.exactlyOnce) {
        for (const chunk of chunks) await producer.send(chunk);
        await consumer.commitOffsets(offsets);
        // Without it KafkaJS fetches the same batch again: its position follows resolved offsets.
        resolveOffset(batch.lastOffset());
        return;
      }
      const transaction = await producer.transaction();
      try {
        for (const chunk of chunks) await transaction.send(chunk);
        await transaction.sendOffsets({ consumerGroupId: config.groupId, topics: [{ topic: batch.topic, partitions: offsets }] });
        await transaction.commit();
        resolveOffset(batch.lastOffset());
      } catch (error) {
        await transaction.abort().catch(() => undefined);
        throw error;
      }
    },
  });
  return {
    async stop() {
      await consumer.disconnect();
      await producer.disconnect();
    },
  };
};
