// The zombie scenario of CONTRACT §5 on the worker run as a user runs it: an exactly_once instance
// frozen (SIGSTOP) inside a transaction sleeps through its session; a second instance (another
// INSTANCE_ID, so another transactional id) takes its partitions; then the first one wakes up and
// tries to finish. On @platformatic/kafka its offset commit carries the group generation
// (KIP-447): the broker refuses it, the transaction aborts, and read_committed readers see every
// input once. KafkaJS sends no generation, so nothing fences such a zombie by generation.
import { afterEach, describe, expect, it } from 'vitest';
import { projectSchemas } from '../../src/schemas/avroSchemas.js';
import { kafkaClientUnderTest } from '../helpers/streamClient.js';
import { uniqueName } from '../helpers/uniqueName.js';
import { waitFor } from '../helpers/waitFor.js';
import { avroWriter, callbackRecord, collect, createWorkerTopics, decodeEnriched, groupPosition, produceSteadily, workerEnv } from './workerHarness.js';
import { freezeInsideBatch, killSpawnedWorkers, spawnWorker } from './workerProcesses.js';

afterEach(killSpawnedWorkers);

const TOTAL = 6_000;

describe('exactly_once with a frozen instance', () => {
  it.runIf(kafkaClientUnderTest() === 'platformatic')('writes every input once when an instance frozen inside a transaction wakes up after its partitions moved (KIP-447)', async () => {
    const topics = await createWorkerTopics('frozen', { partitions: 2 });
    const writer = await avroWriter(`${topics.input}-value`, projectSchemas().schemas.callback);
    const env = workerEnv(topics, { PROCESSING_GUARANTEE: 'exactly_once', KAFKA_SESSION_TIMEOUT_MS: '6000' });
    const out = await collect([topics.output, topics.dlq]);
    const uncommitted = await collect([topics.output], { readCommitted: false });
    try {
      await produceSteadily(topics.input, TOTAL, (i) => ({
        key: `key-${i % 20}`, value: writer.encode(callbackRecord({ id: `cb-${i}`, state: 'DIALING' })),
      }), { batch: 1000, pauseMs: 0 });
      const zombie = spawnWorker(env);
      // Frozen with records of an open transaction in the log.
      await freezeInsideBatch(zombie, () => uncommitted.messages.length > out.messages.length, async () => {
        await new Promise((resolve) => setTimeout(resolve, 1500));
        return uncommitted.messages.length > out.messages.length;
      });
      const successor = spawnWorker({ ...env, INSTANCE_ID: uniqueName('successor') });
      await waitFor(() => successor.logs.some((line) => line.msg === 'joined the consumer group' && (line.partitions as number[]).length === 2), {
        timeoutMs: 60_000, message: 'the successor owning both partitions after the frozen member\'s session ended',
      });
      zombie.child.kill('SIGCONT');
      await waitFor(() => new Set(out.on(topics.output).map((m) => decodeEnriched(m.value).callback.id)).size === TOTAL, {
        timeoutMs: 120_000, message: () => `all ${TOTAL} callbacks in the output (have ${out.messages.length})`,
      });
      await waitFor(async () => {
        const { committed, high } = await groupPosition(env.GROUP_ID!, topics.input);
        return [...high].every(([partition, offset]) => committed.get(partition) === offset);
      }, { timeoutMs: 60_000, message: 'offsets committed up to the high watermarks' });
      // Anything the zombie still had in flight would arrive as a late duplicate.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const eventIds = out.on(topics.output).map((m) => decodeEnriched(m.value).eventId);
      expect(eventIds.length).toBe(TOTAL);
      expect(new Set(eventIds).size).toBe(TOTAL);
      expect(out.on(topics.dlq)).toEqual([]);
    } finally {
      await out.stop();
      await uncommitted.stop();
    }
  });
});
