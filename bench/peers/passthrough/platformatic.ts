// The ceiling of any worker on @platformatic/kafka (2.x, Node >= 22.22): its consumer is a stream
// of single messages, so the messages that arrived while the previous batch was being sent form
// the next batch (at most MAX_BATCH; the stream is paused beyond that). Each batch: the same bytes
// to the same partition on an idempotent producer with acks=all, then one commit per batch.
// At-least-once only: the transactional variant is left for the adapter helper's measurements.
import { Consumer, MessagesStreamModes, Producer, ProduceAcks, type Message } from '@platformatic/kafka';
import { chunkRecords } from '../../../src/kafka/kafkaJsProducers.js';
import type { StartPassthrough } from './passthroughConfig.js';

const MAX_BATCH = 5_000;

export const startPassthrough: StartPassthrough = async (config) => {
  if (config.exactlyOnce) throw new Error('the platformatic passthrough is at-least-once only');
  const base = { clientId: 'bench-passthrough-platformatic', bootstrapBrokers: config.brokers };
  const producer = new Producer({ ...base, idempotent: true, acks: ProduceAcks.ALL });
  const consumer = new Consumer({ ...base, groupId: config.groupId });
  const stream = await consumer.consume({ topics: [config.inputTopic], mode: MessagesStreamModes.COMMITTED, fallbackMode: 'earliest', autocommit: false, maxWaitTime: 500 });
  let buffered: Message[] = [];
  let wake: (() => void) | undefined;
  let running = true;
  stream.on('data', (message: Message) => {
    buffered.push(message);
    if (buffered.length >= MAX_BATCH) stream.pause();
    wake?.();
  });

  async function pump(): Promise<void> {
    while (running) {
      if (buffered.length === 0) await new Promise<void>((resolve) => { wake = resolve; });
      wake = undefined;
      const batch = buffered;
      buffered = [];
      stream.resume();
      if (batch.length === 0) continue;
      // Per partition, in requests under message.max.bytes, cut as the worker's producer cuts them.
      const byPartition = new Map<number, Message[]>();
      for (const message of batch) {
        const list = byPartition.get(message.partition);
        if (list) list.push(message);
        else byPartition.set(message.partition, [message]);
      }
      for (const [partition, messages] of byPartition) {
        const records = messages.map((m) => ({ topic: config.outputTopic, key: m.key, value: m.value, headers: [] }));
        for (const chunk of chunkRecords(records)) {
          await producer.send({ messages: chunk.map(({ key, value }) => ({ topic: config.outputTopic, key: key ?? undefined, value: value!, partition })) });
        }
      }
      // The last message of each partition in the batch marks its commit (offset + 1).
      const last = new Map<number, Message>();
      for (const message of batch) last.set(message.partition, message);
      await consumer.commit({
        offsets: [...last.values()].map((m) => ({ topic: m.topic, partition: m.partition, offset: m.offset + 1n, leaderEpoch: m.leaderEpoch })),
      });
    }
  }
  const pumping = pump();
  return {
    async stop() {
      running = false;
      wake?.();
      await pumping.catch(() => undefined);
      await stream.close();
      await consumer.close();
      await producer.close();
    },
  };
};
