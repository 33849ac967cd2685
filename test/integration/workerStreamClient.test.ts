// The StreamClient adapter KAFKA_CLIENT picks (KafkaJS or @platformatic/kafka), on the real broker: what the worker relies on.
import { isDeepStrictEqual } from 'node:util';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GroupRebalanceError, standaloneGroup, type ConsumedBatch, type ConsumerGroupMetadata, type GroupConsumer, type StreamAdmin, type StreamClient } from '../../src/kafka/streamClient.js';
import { createTopics } from '../helpers/createTopics.js';
import { readUntil } from '../helpers/readUntil.js';
import { createTestStreamClient, kafkaClientUnderTest } from '../helpers/streamClient.js';
import { uniqueName } from '../helpers/uniqueName.js';
import { waitFor } from '../helpers/waitFor.js';
import { headerMap, textHeaders } from '../helpers/headers.js';

const logger = pino({ level: 'silent' });
let client: StreamClient;
let admin: StreamAdmin;

function records(topic: string, count: number, keyOf: (i: number) => string = (i) => `k${i % 3}`) {
  return Array.from({ length: count }, (_, i) => ({
    topic, key: Buffer.from(keyOf(i)), value: Buffer.from(`v${i}`), headers: textHeaders({ n: String(i) }),
  }));
}

/**
 * The group offsets a transaction committed, once OffsetFetch shows them: EndTxn returns when the
 * coordinator has logged its decision, and the commit marker reaches __consumer_offsets a moment
 * later (OffsetFetch before v7, which KafkaJS speaks, leaves pending offsets out).
 */
async function expectTransactionalOffsets(groupId: string, topic: string, expected: Map<number, string>): Promise<void> {
  let last = new Map<number, string>();
  await waitFor(async () => {
    last = await admin.fetchCommittedOffsets(groupId, topic);
    return isDeepStrictEqual(last, expected);
  }, { timeoutMs: 15_000, message: () => `committed offsets ${JSON.stringify([...expected])}, last read ${JSON.stringify([...last])}` });
  expect(last).toEqual(expected);
}

beforeAll(async () => {
  client = createTestStreamClient('test-stream-client', undefined, logger);
  admin = client.createAdmin();
  await admin.connect();
});

afterAll(async () => {
  await admin.disconnect();
});

describe(`StreamClient on ${kafkaClientUnderTest()}`, () => {
  it('re-delivers a deferred batch from its first record, in order, and commits only what the handler finished', async () => {
    const topic = uniqueName('sc.retry');
    const groupId = uniqueName('sc.group');
    await createTopics([topic]);
    const producer = client.createProducer();
    await producer.connect();
    await producer.send(records(topic, 20));
    await producer.disconnect();

    const deliveries: ConsumedBatch[] = [];
    let handled = 0;
    const consumer = client.createGroupConsumer({ groupId, fromBeginning: true });
    await consumer.connect();
    await consumer.run(topic, async (batch) => {
      deliveries.push(batch);
      if (deliveries.length <= 2) return { kind: 'retry', afterMs: 50 };
      await consumer.commit([{ topic, partition: batch.partition, offset: batch.nextOffset }]);
      handled += batch.records.length;
      return { kind: 'done' };
    });
    try {
      await waitFor(() => handled >= 20, { message: 'all 20 records handled' });
      expect(deliveries[0]!.records[0]!.offset).toBe('0');
      expect(deliveries[1]!.records[0]!.offset).toBe('0');
      const handledValues = deliveries.slice(2).flatMap((b) => b.records.map((r) => r.value!.toString()));
      expect(handledValues).toEqual(Array.from({ length: 20 }, (_, i) => `v${i}`));
      expect(headerMap(deliveries[2]!.records[5]!.headers).n).toBe('5');
      expect(await admin.fetchCommittedOffsets(groupId, topic)).toEqual(new Map([[0, '20']]));
    } finally {
      await consumer.disconnect();
    }
  });

  it('retries a batch whose handler throws instead of crashing or skipping it', async () => {
    const topic = uniqueName('sc.throw');
    await createTopics([topic]);
    const producer = client.createProducer();
    await producer.connect();
    await producer.send(records(topic, 3));
    await producer.disconnect();
    let calls = 0;
    let doneWith: string[] = [];
    const consumer = client.createGroupConsumer({ groupId: uniqueName('sc.group'), fromBeginning: true });
    await consumer.connect();
    await consumer.run(topic, async (batch) => {
      calls += 1;
      if (calls === 1) throw new Error('simulated infrastructure failure');
      doneWith = batch.records.map((r) => r.offset);
      return { kind: 'done' };
    });
    try {
      await waitFor(() => doneWith.length === 3, { message: 'the batch handled after the throw' });
      expect(doneWith).toEqual(['0', '1', '2']);
    } finally {
      await consumer.disconnect();
    }
  });

  it('reports a commit from a member whose generation ended (expelled or rebalanced) as GroupRebalanceError, rejoins, and the group still commits everything', async () => {
    const topic = uniqueName('sc.rebalance');
    const groupId = uniqueName('sc.group');
    await createTopics([{ topic, numPartitions: 2 }]);
    const producer = client.createProducer();
    await producer.connect();
    await producer.send(records(topic, 40, (i) => `key-${i}`));
    await producer.disconnect();

    const commitErrors: unknown[] = [];
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => { release = resolve; });
    let firstHeld = false;
    const commitOrRecord = async (consumer: GroupConsumer, batch: ConsumedBatch) => {
      try {
        await consumer.commit([{ topic, partition: batch.partition, offset: batch.nextOffset }]);
      } catch (error) {
        commitErrors.push(error);
        throw error;
      }
      return { kind: 'done' } as const;
    };
    const first = client.createGroupConsumer({ groupId, fromBeginning: true, sessionTimeoutMs: 6_000 });
    const second = client.createGroupConsumer({ groupId, fromBeginning: true, sessionTimeoutMs: 6_000 });
    // KafkaJS heartbeats from its fetch loop: the held member stops heartbeating, is expelled, and the
    // second member gets both partitions. @platformatic/kafka heartbeats on its own timer (as the
    // Java client does), so the held member stays and rejoins: the second member gets one partition,
    // and the held batch's generation has ended all the same.
    const expelled = kafkaClientUnderTest() === 'kafkajs';
    let secondAssigned = false;
    second.onAssignment((assignment) => { secondAssigned = assignment.flatMap((a) => a.partitions).length === (expelled ? 2 : 1); });
    await first.connect();
    await first.run(topic, async (batch) => {
      if (!firstHeld) {
        // Held past the session timeout: no heartbeats, so the coordinator expels this member.
        firstHeld = true;
        await released;
      }
      return commitOrRecord(first, batch);
    });
    try {
      await waitFor(() => firstHeld, { message: 'the first batch in hand' });
      await second.connect();
      await second.run(topic, (batch) => commitOrRecord(second, batch));
      await waitFor(() => secondAssigned, { timeoutMs: 30_000, message: expelled ? 'the second member owning both partitions' : 'the second member owning a partition' });
      release();
      await waitFor(() => commitErrors.length > 0, { message: 'the expelled member\'s commit failing' });
      expect(commitErrors[0]).toBeInstanceOf(GroupRebalanceError);
      await waitFor(async () => {
        const committed = await admin.fetchCommittedOffsets(groupId, topic);
        return Number(committed.get(0) ?? 0) + Number(committed.get(1) ?? 0) === 40;
      }, { timeoutMs: 60_000, message: 'both partitions committed to the end' });
    } finally {
      release();
      await first.disconnect();
      await second.disconnect();
    }
  });

  it('commits records and group offsets in one transaction, visible to read_committed readers', async () => {
    const [input, output] = [uniqueName('sc.tx.in'), uniqueName('sc.tx.out')];
    const groupId = uniqueName('sc.tx.group');
    await createTopics([input, output]);
    const producer = client.createTransactionalProducer(uniqueName('sc.txid'));
    await producer.connect();
    try {
      await producer.sendInTransaction(records(output, 5), [{ topic: input, partition: 0, offset: '42' }], standaloneGroup(groupId));
    } finally {
      await producer.disconnect();
    }
    const read = await readUntil(output, 5, { readCommitted: true });
    expect(read.map((m) => m.value!.toString())).toEqual(['v0', 'v1', 'v2', 'v3', 'v4']);
    await expectTransactionalOffsets(groupId, input, new Map([[0, '42']]));
  });

  it('commits the offsets of every partition of a transaction, not only the first', async () => {
    const [input, output] = [uniqueName('sc.tx2.in'), uniqueName('sc.tx2.out')];
    const groupId = uniqueName('sc.tx2.group');
    await createTopics([{ topic: input, numPartitions: 3 }, output]);
    const producer = client.createTransactionalProducer(uniqueName('sc.txid'));
    await producer.connect();
    try {
      const offsets = [{ topic: input, partition: 0, offset: '7' }, { topic: input, partition: 1, offset: '9' }, { topic: input, partition: 2, offset: '3' }];
      await producer.sendInTransaction(records(output, 2), offsets, standaloneGroup(groupId));
    } finally {
      await producer.disconnect();
    }
    await expectTransactionalOffsets(groupId, input, new Map([[0, '7'], [1, '9'], [2, '3']]));
  });

  it('a transactional offset commit with a generation that has ended: refused on platformatic (KIP-447), accepted on KafkaJS (it sends no generation)', async () => {
    const [input, output] = [uniqueName('sc.kip447.in'), uniqueName('sc.kip447.out')];
    const groupId = uniqueName('sc.kip447.group');
    await createTopics([{ topic: input, numPartitions: 2 }, output]);
    const plain = client.createProducer();
    await plain.connect();
    await plain.send(records(input, 10, (i) => `key-${i}`));
    await plain.disconnect();
    // Neither member finishes a batch: only the commit under test moves the group's offsets.
    const hold = { kind: 'retry', afterMs: 60_000 } as const;
    let stale: ConsumerGroupMetadata | undefined;
    const first = client.createGroupConsumer({ groupId, fromBeginning: true, sessionTimeoutMs: 6_000 });
    const second = client.createGroupConsumer({ groupId, fromBeginning: true, sessionTimeoutMs: 6_000 });
    let secondAssigned = false;
    second.onAssignment((assignment) => { secondAssigned = assignment.flatMap((a) => a.partitions).length > 0; });
    const producer = client.createTransactionalProducer(uniqueName('sc.txid'));
    try {
      await first.connect();
      await first.run(input, async (_batch, control) => {
        stale ??= control.groupMetadata();
        return hold;
      });
      await waitFor(() => stale !== undefined, { message: 'a batch of the first generation' });
      await second.connect();
      await second.run(input, async () => hold);
      await waitFor(() => secondAssigned, { timeoutMs: 30_000, message: 'the rebalance that ends the first generation' });
      await producer.connect();
      const commit = producer.sendInTransaction(records(output, 1), [{ topic: input, partition: 0, offset: '1' }], stale!);
      if (kafkaClientUnderTest() === 'platformatic') {
        expect(stale!.generationId).toBeGreaterThan(0);
        expect(stale!.memberId).not.toBe('');
        await expect(commit).rejects.toBeInstanceOf(GroupRebalanceError);
        expect(await admin.fetchCommittedOffsets(groupId, input)).toEqual(new Map());
      } else {
        await commit;
        await expectTransactionalOffsets(groupId, input, new Map([[0, '1']]));
      }
    } finally {
      await producer.disconnect();
      await first.disconnect();
      await second.disconnect();
    }
  });

  it('fences the older of two transactional producers with one id: it fails with ProducerFencedError', async () => {
    const output = uniqueName('sc.fence.out');
    await createTopics([output]);
    const transactionalId = uniqueName('sc.fence');
    const older = client.createTransactionalProducer(transactionalId);
    const newer = client.createTransactionalProducer(transactionalId);
    await older.connect();
    try {
      await older.sendInTransaction(records(output, 1), [{ topic: output, partition: 0, offset: '1' }], standaloneGroup(uniqueName('sc.g')));
      await newer.connect(); // bumps the epoch: the older producer is now a zombie
      await expect(older.sendInTransaction(records(output, 1), [{ topic: output, partition: 0, offset: '2' }], standaloneGroup(uniqueName('sc.g'))))
        .rejects.toMatchObject({ name: 'ProducerFencedError', retriable: false });
      await newer.sendInTransaction(records(output, 2), [{ topic: output, partition: 0, offset: '3' }], standaloneGroup(uniqueName('sc.g')));
    } finally {
      await older.disconnect();
      await newer.disconnect();
    }
    expect((await readUntil(output, 3)).length).toBe(3);
  });

  it('splits a send larger than the broker\'s request limit and keeps its order', async () => {
    const topic = uniqueName('sc.big');
    await createTopics([topic]);
    const producer = client.createProducer();
    await producer.connect();
    const big = Array.from({ length: 30 }, (_, i) => ({
      topic, key: Buffer.from('same-key'), value: Buffer.alloc(100_000, i), headers: [],
    }));
    try {
      await producer.send(big);
    } finally {
      await producer.disconnect();
    }
    const read = await readUntil(topic, 30);
    expect(read.map((m) => m.value![0])).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });

  it('reports watermarks and the group assignment', async () => {
    const topic = uniqueName('sc.meta');
    await createTopics([{ topic, numPartitions: 2 }]);
    const producer = client.createProducer();
    await producer.connect();
    await producer.send(records(topic, 4, (i) => `key-${i}`));
    await producer.disconnect();
    const offsets = await admin.fetchTopicOffsets(topic);
    expect(offsets.map((o) => o.partition)).toEqual([0, 1]);
    expect(offsets.reduce((sum, o) => sum + Number(o.high), 0)).toBe(4);
    const consumer = client.createGroupConsumer({ groupId: uniqueName('sc.group'), fromBeginning: true });
    let assigned: number[] = [];
    consumer.onAssignment((assignment) => { assigned = assignment.flatMap((a) => a.partitions).sort(); });
    await consumer.connect();
    await consumer.run(topic, async () => ({ kind: 'done' }));
    try {
      await waitFor(() => assigned.length === 2, { message: 'assignment of both partitions' });
      expect(assigned).toEqual([0, 1]);
    } finally {
      await consumer.disconnect();
    }
  });
});
