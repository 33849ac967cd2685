// KafkaJS's send path after a leader moves (patches/kafkajs+2.2.4.patch, tulios/kafkajs#1303).
// Unpatched, KafkaJS kept a send's answers per broker: when a retry found a failed partition now
// led by a broker that had already answered for another partition, it skipped that broker and
// resolved the send without the moved partition's records. The broker-failover scenario of
// `npm run chaos` lost acknowledged records this way. The cluster and brokers here are stand-ins
// built from KafkaJS's own calls: what is under test is KafkaJS's retry bookkeeping, which no
// real stack can hit on cue (the chaos suite hits it by SIGKILLing a leader).
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

interface Message { key: string; value: string; partition?: number }
interface ProduceCall { nodeId: number; partitions: { topic: string; partition: number; keys: string[] }[] }

const require = createRequire(import.meta.url);
const createSendMessages = require('kafkajs/src/producer/sendMessages.js') as (options: object) =>
  (request: { acks: number; timeout: number; topicMessages: { topic: string; messages: Message[] }[] }) => Promise<{ topicName: string; partition: number }[]>;
const createRetry = require('kafkajs/src/retry/index.js') as (options: object) => unknown;
const { KafkaJSConnectionError } = require('kafkajs/src/errors.js') as { KafkaJSConnectionError: new (message: string) => Error };

const TOPIC = 'orders';
const silentLogger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * A 2-partition topic led by brokers 1 and 2. `failOnce` brokers refuse their first produce with a
 * connection error; after that refusal the metadata says broker 1 leads every partition (the
 * failover), as a refreshed Metadata answer would.
 */
function createCluster(failOnce: Set<number>) {
  const calls: ProduceCall[] = [];
  let leaders: Record<number, number> = { 0: 1, 1: 2 };
  const brokers = new Map([1, 2].map((nodeId) => [nodeId, {
    nodeId,
    async produce({ topicData }: { topicData: { topic: string; partitions: { partition: number; messages: Message[] }[] }[] }) {
      if (failOnce.delete(nodeId)) {
        leaders = { 0: 1, 1: 1 };
        throw new KafkaJSConnectionError(`broker ${nodeId} is gone`);
      }
      calls.push({ nodeId, partitions: topicData.flatMap(({ topic, partitions }) => partitions.map(({ partition, messages }) => ({ topic, partition, keys: messages.map((m) => m.key) }))) });
      return { topics: topicData.map(({ topic, partitions }) => ({ topicName: topic, partitions: partitions.map(({ partition }) => ({ partition, errorCode: 0, baseOffset: '0', logAppendTime: '-1', logStartOffset: '0' })) })) };
    },
  }]));
  const cluster = {
    targetTopics: new Set<string>(),
    async addMultipleTargetTopics() {},
    async refreshMetadataIfNecessary() {},
    async refreshMetadata() {},
    isConnected: () => true,
    removeBroker() {},
    findTopicPartitionMetadata: () => [0, 1].map((partitionId) => ({ partitionId, leader: leaders[partitionId] })),
    findLeaderForPartitions(_topic: string, partitions: string[]) {
      const result: Record<number, number[]> = {};
      // As KafkaJS's own: a partition the metadata does not hold is left out.
      for (const id of partitions.map(Number)) if (leaders[id] !== undefined) (result[leaders[id]] ??= []).push(id);
      return result;
    },
    async findBroker({ nodeId }: { nodeId: string }) { return brokers.get(Number(nodeId)); },
  };
  return { cluster, calls };
}

const eosManager = {
  isTransactional: () => false,
  getSequence: () => 0,
  updateSequence() {},
  getProducerId: () => -1,
  getProducerEpoch: () => 0,
  async acquireBrokerLock() {},
  async releaseBrokerLock() {},
};

function send(cluster: object, partitioner: (args: { message: Message }) => number, messages: Message[]) {
  const sendMessages = createSendMessages({
    logger: silentLogger, cluster, partitioner, eosManager,
    retrier: createRetry({ retries: 3, initialRetryTime: 1, maxRetryTime: 5 }),
  });
  return sendMessages({ acks: -1, timeout: 1000, topicMessages: [{ topic: TOPIC, messages }] });
}

const keysWritten = (calls: ProduceCall[]) => calls.flatMap((call) => call.partitions.flatMap((p) => p.keys.map((key) => `${p.partition}:${key}`))).sort();

describe('KafkaJS send after a leader moves to a broker that already answered', () => {
  const messages: Message[] = [
    { key: 'a', value: '1', partition: 0 },
    { key: 'b', value: '2', partition: 1 },
    { key: 'c', value: '3', partition: 1 },
  ];
  const byExplicitPartition = ({ message }: { message: Message }) => message.partition!;

  it('sends the moved partition to its new leader before it resolves, and answers for every partition', async () => {
    const { cluster, calls } = createCluster(new Set([2]));
    const answers = await send(cluster, byExplicitPartition, messages);
    expect(keysWritten(calls)).toEqual(['0:a', '1:b', '1:c']);
    expect(calls.at(-1)).toEqual({ nodeId: 1, partitions: [{ topic: TOPIC, partition: 1, keys: ['b', 'c'] }] });
    expect(answers.map((a) => a.partition).sort()).toEqual([0, 1]);
  });

  it('does not send again a partition that was answered', async () => {
    const { cluster, calls } = createCluster(new Set([2]));
    await send(cluster, byExplicitPartition, messages);
    expect(calls.filter((call) => call.partitions.some((p) => p.partition === 0))).toHaveLength(1);
  });

  it('keeps each message in the partition of its first attempt when the partitioner deals them round robin', async () => {
    const { cluster, calls } = createCluster(new Set([2]));
    let next = 0;
    const roundRobin = () => next++ % 2;
    const unkeyed = Array.from({ length: 6 }, (_, i) => ({ key: `m${i}`, value: String(i) }));
    await send(cluster, roundRobin, unkeyed);
    expect(keysWritten(calls)).toEqual(['0:m0', '0:m2', '0:m4', '1:m1', '1:m3', '1:m5']);
  });

  it('fails the send rather than leave out a partition the metadata does not know', async () => {
    const { cluster } = createCluster(new Set());
    await expect(send(cluster, () => 7, [{ key: 'x', value: '1' }])).rejects.toThrow(/partitions 7/);
  });
});
