// The race of a partition takeover under exactly_once on KafkaJS: the new owner's consumer reads
// the committed offset when it joins, and the previous owner's last transaction may commit after
// that. Here a "previous owner" (a producer with the partition's transactional id) commits the
// group's offset right before the worker initialises that id; the worker must fence first, read
// the committed offset again and write only what lies past it.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createKafkaJsStreamClient } from '../../src/kafka/createKafkaJsStreamClient.js';
import { standaloneGroup, type StreamClient } from '../../src/kafka/streamClient.js';
import { projectSchemas } from '../../src/schemas/avroSchemas.js';
import { partitionTransactionalId } from '../../src/worker/createPartitionedExactlyOnceDelivery.js';
import { stackEnv } from '../helpers/stack.js';
import { waitFor } from '../helpers/waitFor.js';
import {
  avroWriter, callbackRecord, collect, committedRecords, createWorkerTopics, decodeEnriched, produce, workerEnv,
} from './workerHarness.js';
import { startInProcess } from './workerProcesses.js';

/** The KafkaJS client, with `beforeFirstInit` run once before the worker first initialises `transactionalId`. */
function clientWithLateCommit(transactionalId: string, beforeFirstInit: (client: StreamClient) => Promise<void>): StreamClient {
  const base = createKafkaJsStreamClient({ clientId: 'test-takeover', brokers: stackEnv().KAFKA_BROKERS!.split(','), logger: pino({ level: 'silent' }) });
  let done = false;
  return {
    ...base,
    createTransactionalProducer(id) {
      const producer = base.createTransactionalProducer(id);
      return {
        ...producer,
        async connect() {
          if (id === transactionalId && !done) {
            done = true;
            await beforeFirstInit(base);
          }
          await producer.connect();
        },
      };
    },
  };
}

describe('exactly_once partition takeover', () => {
  it.each([
    { committedLate: 40, expected: 'the records past it' },
    { committedLate: 100, expected: 'nothing of the batch' },
  ])('a previous owner that committed offset $committedLate after the worker joined: the worker writes $expected, once', async ({ committedLate }) => {
    const topics = await createWorkerTopics('takeover');
    const writer = await avroWriter(`${topics.input}-value`, projectSchemas().schemas.callback);
    const env = workerEnv(topics, { PROCESSING_GUARANTEE: 'exactly_once' });
    await produce(topics.input, Array.from({ length: 100 }, (_, i) => ({ key: `k${i % 5}`, value: writer.encode(callbackRecord({ id: `t-${i}` })) })));
    const transactionalId = partitionTransactionalId(env.GROUP_ID!, topics.input, 0);
    // The previous owner's last transaction: it commits the group's offset (its records are not
    // needed to show the point), after the worker's consumer read "no commit, start at 0".
    const client = clientWithLateCommit(transactionalId, async (base) => {
      const previous = base.createTransactionalProducer(transactionalId);
      await previous.connect();
      await previous.sendInTransaction([], [{ topic: topics.input, partition: 0, offset: String(committedLate) }], standaloneGroup(env.GROUP_ID!));
      await previous.disconnect();
    });
    const out = await collect([topics.output, topics.dlq]);
    const running = await startInProcess(env, {}, () => client);
    try {
      await produce(topics.input, Array.from({ length: 10 }, (_, i) => ({ key: 'k', value: writer.encode(callbackRecord({ id: `after-${i}` })) })));
      await waitFor(async () => (await committedRecords(env.GROUP_ID!, topics.input)) === 110, { timeoutMs: 30_000, message: 'offsets committed to the end' });
      const expected = [
        ...Array.from({ length: 100 - committedLate }, (_, i) => `t-${committedLate + i}`),
        ...Array.from({ length: 10 }, (_, i) => `after-${i}`),
      ];
      await waitFor(() => out.messages.length >= expected.length, { message: () => `${expected.length} outputs (have ${out.messages.length})` });
      expect(out.messages.map((m) => decodeEnriched(m.value).callback.id)).toEqual(expected);
      expect(running.logs.some((line) => String(line.msg).includes('previous owner'))).toBe(true);
    } finally {
      await running.stop();
      await out.stop();
    }
  });
});
