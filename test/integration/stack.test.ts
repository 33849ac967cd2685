// Smoke tests of the real local stack: everything the project asks of Kafka (through KafkaJS
// 2.2.4) and of the Confluent-compatible registry (through @kafkajs/confluent-schema-registry).
import { SchemaType } from '@kafkajs/confluent-schema-registry';
import avro from 'avsc';
import { ConfigResourceTypes, type Consumer, type EachMessagePayload } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { createTopic } from '../helpers/createTopics.js';
import { readUntil } from '../helpers/readUntil.js';
import { createFixtureProducer, createKafka, createRegistry, registryFetch } from '../helpers/stack.js';
import { uniqueName } from '../helpers/uniqueName.js';
import { waitFor } from '../helpers/waitFor.js';

const kafka = createKafka('stack-smoke');
const consumers: Consumer[] = [];
afterAll(async () => {
  await Promise.all(consumers.map((consumer) => consumer.disconnect()));
});

function values(messages: { value: Buffer | null }[]): string[] {
  return messages.map((message) => message.value?.toString() ?? '<null>');
}

describe('Kafka through KafkaJS', () => {
  it('produces and consumes in a consumer group, committing offsets', async () => {
    const topic = uniqueName('smoke.produce');
    const groupId = uniqueName('smoke-group');
    await createTopic({ topic, numPartitions: 3 });
    const producer = createFixtureProducer('smoke');
    await producer.connect();
    await producer.send({
      topic,
      acks: -1,
      messages: Array.from({ length: 12 }, (_, i) => ({ key: `k${i % 4}`, value: `v${i}` })),
    });
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 250 });
    consumers.push(consumer);
    const seen: EachMessagePayload[] = [];
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async (payload) => {
        seen.push(payload);
        await consumer.commitOffsets([
          { topic, partition: payload.partition, offset: String(Number(payload.message.offset) + 1) },
        ]);
      },
    });
    // At least once: a rebalance on a fresh broker may deliver a record again.
    const distinct = () => new Set(values(seen.map((payload) => payload.message)));
    await waitFor(() => distinct().size >= 12, { message: () => `12 records (got ${distinct().size})` });
    expect([...distinct()].sort()).toEqual(Array.from({ length: 12 }, (_, i) => `v${i}`).sort());
    // One key, one partition.
    const partitionsByKey = new Map<string, Set<number>>();
    for (const { message, partition } of seen) {
      const key = message.key?.toString() ?? '';
      partitionsByKey.set(key, (partitionsByKey.get(key) ?? new Set()).add(partition));
    }
    for (const partitions of partitionsByKey.values()) expect(partitions.size).toBe(1);

    const admin = kafka.admin();
    await admin.connect();
    // A commit that raced a rebalance of the fresh group is refused (the generation moved on);
    // committing the highest offsets seen again is what a real consumer does after rejoining.
    const nextOffsets = () => {
      const next = new Map<number, number>();
      for (const { partition, message } of seen) next.set(partition, Math.max(next.get(partition) ?? 0, Number(message.offset) + 1));
      return [...next].map(([partition, offset]) => ({ topic, partition, offset: String(offset) }));
    };
    const committed = await waitFor(async () => {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      const total = offsets?.partitions.reduce((sum, partition) => sum + Math.max(0, Number(partition.offset)), 0);
      if (total === 12) return offsets;
      await consumer.commitOffsets(nextOffsets()).catch(() => undefined);
      return undefined;
    }, { timeoutMs: 60_000, message: 'committed offsets to add up to 12' });
    expect(committed.partitions).toHaveLength(3);
    await admin.disconnect();
  });

  it('rebalances partitions between group members', async () => {
    const topic = uniqueName('smoke.rebalance');
    const groupId = uniqueName('smoke-rebalance');
    await createTopic({ topic, numPartitions: 4 });
    const assignments = new Map<string, number[]>();
    const member = async (name: string) => {
      const consumer = kafka.consumer({
        groupId,
        maxWaitTimeInMs: 250,
        sessionTimeout: 10_000,
        rebalanceTimeout: 10_000,
        heartbeatInterval: 500,
      });
      consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
        assignments.set(name, payload.memberAssignment[topic] ?? []);
      });
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({ eachMessage: async () => undefined });
      return consumer;
    };
    const first = await member('first');
    await waitFor(() => assignments.get('first')?.length === 4, { message: 'first member to own all 4 partitions' });
    const second = await member('second');
    await waitFor(() => assignments.get('first')?.length === 2 && assignments.get('second')?.length === 2, {
      message: () => `a 2 + 2 split (got ${JSON.stringify([...assignments])})`,
    });
    expect([...(assignments.get('first') ?? []), ...(assignments.get('second') ?? [])].sort()).toEqual([0, 1, 2, 3]);
    await second.disconnect();
    await waitFor(() => assignments.get('first')?.length === 4, { message: 'first member to take all 4 back' });
    await first.disconnect();
  });

  it('runs an idempotent producer', async () => {
    const topic = uniqueName('smoke.idempotent');
    await createTopic(topic);
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const [result] = await producer.send({ topic, acks: -1, messages: [{ key: 'a', value: '1' }, { key: 'a', value: '2' }] });
    await producer.disconnect();
    expect(result?.errorCode).toBe(0);
    expect(values(await readUntil(topic, 2))).toEqual(['1', '2']);
  });

  it('shows committed transactions to read_committed consumers and hides aborted ones', async () => {
    const topic = uniqueName('smoke.tx');
    await createTopic(topic);
    const producer = kafka.producer({ transactionalId: uniqueName('smoke-tx'), idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const inTransaction = async (value: string, commit: boolean) => {
      const transaction = await producer.transaction();
      await transaction.send({ topic, messages: [{ key: 'k', value }] });
      await (commit ? transaction.commit() : transaction.abort());
    };
    await inTransaction('committed-1', true);
    await inTransaction('aborted', false);
    await inTransaction('committed-2', true);
    await producer.disconnect();

    const committed = await readUntil(topic, 2, { until: (m) => values(m).includes('committed-2') });
    expect(values(committed)).toEqual(['committed-1', 'committed-2']);
    const uncommitted = await readUntil(topic, 3, { readCommitted: false, until: (m) => values(m).includes('committed-2') });
    expect(values(uncommitted)).toEqual(['committed-1', 'aborted', 'committed-2']);
  });

  it('commits consumer offsets inside a transaction (sendOffsets)', async () => {
    const input = uniqueName('smoke.eos-in');
    const output = uniqueName('smoke.eos-out');
    const groupId = uniqueName('smoke-eos');
    await createTopic(input);
    await createTopic(output);
    const plain = createFixtureProducer('smoke');
    await plain.connect();
    await plain.send({ topic: input, messages: [{ value: 'a' }, { value: 'b' }, { value: 'c' }] });
    await plain.disconnect();

    const producer = kafka.producer({ transactionalId: uniqueName('smoke-eos'), idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 250, readUncommitted: false });
    consumers.push(consumer);
    let processed = 0;
    await consumer.connect();
    await consumer.subscribe({ topics: [input], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic, partition, message }) => {
        const transaction = await producer.transaction();
        await transaction.send({ topic: output, messages: [{ value: `${message.value?.toString()}!` }] });
        await transaction.sendOffsets({
          consumerGroupId: groupId,
          topics: [{ topic, partitions: [{ partition, offset: String(Number(message.offset) + 1) }] }],
        });
        await transaction.commit();
        processed += 1;
      },
    });
    await waitFor(() => processed === 3, { message: () => `3 processed (got ${processed})` });
    await consumer.disconnect();
    await producer.disconnect();

    expect(values(await readUntil(output, 3))).toEqual(['a!', 'b!', 'c!']);
    const admin = kafka.admin();
    await admin.connect();
    try {
      // The commit marker reaches __consumer_offsets after commit() returns; until then OffsetFetch leaves the offset out.
      const committed = async () => (await admin.fetchOffsets({ groupId, topics: [input] }))[0]?.partitions ?? [];
      await waitFor(async () => (await committed()).some((p) => p.offset === '3'), { timeoutMs: 15_000, message: 'offset 3 committed by the transaction' });
      expect(await committed()).toEqual([expect.objectContaining({ partition: 0, offset: '3' })]);
    } finally {
      await admin.disconnect();
    }
  });

  it('creates, describes, alters and deletes topics with the admin client', async () => {
    const topic = uniqueName('smoke.admin');
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({
        topics: [{ topic, numPartitions: 2, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }],
        waitForLeaders: false,
      });
      await waitFor(
        async () => {
          const [metadata] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
          return metadata?.partitions.length === 2 && metadata.partitions.every((partition) => partition.leader >= 0);
        },
        { message: `2 partitions of ${topic} with leaders` },
      );

      const describe = async () => {
        const { resources } = await admin.describeConfigs({
          includeSynonyms: false,
          resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['cleanup.policy', 'retention.ms'] }],
        });
        return Object.fromEntries((resources[0]?.configEntries ?? []).map((entry) => [entry.configName, entry.configValue]));
      };
      expect((await describe())['cleanup.policy']).toBe('compact');
      await admin.alterConfigs({
        validateOnly: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configEntries: [{ name: 'retention.ms', value: '3600000' }] }],
      });
      await waitFor(async () => (await describe())['retention.ms'] === '3600000', { message: 'retention.ms to change' });

      await admin.createPartitions({ topicPartitions: [{ topic, count: 3 }] });
      await waitFor(async () => (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0]?.partitions.length === 3, {
        message: 'a third partition',
      });

      await admin.deleteTopics({ topics: [topic] });
      await waitFor(async () => !(await admin.listTopics()).includes(topic), { message: `${topic} to be deleted` });
    } finally {
      await admin.disconnect();
    }
  });
});

describe('schema registry through @kafkajs/confluent-schema-registry', () => {
  const registry = createRegistry();
  const v1 = {
    type: 'record',
    name: 'SmokeRecord',
    namespace: 'callback.enricher.smoke',
    fields: [
      { name: 'id', type: 'string' },
      { name: 'state', type: { type: 'enum', name: 'SmokeState', symbols: ['A', 'B'], default: 'A' } },
    ],
  };

  it('registers under <topic>-value and encodes with the id GET /schemas/ids/{id} serves', async () => {
    const subject = `${uniqueName('smoke.registry')}-value`;
    const { id } = await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(v1) }, { subject });
    expect(await registry.getLatestSchemaId(subject)).toBe(id);
    // Re-registering the same schema (other whitespace) keeps its id.
    const again = await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(v1, null, 2) }, { subject });
    expect(again.id).toBe(id);

    const encoded = await registry.encode(id, { id: 'x1', state: 'B' });
    expect(encoded.readUInt8(0)).toBe(0);
    expect(encoded.readInt32BE(1)).toBe(id);
    expect(await registry.decode(encoded)).toEqual({ id: 'x1', state: 'B' });

    const served = await registryFetch(`/schemas/ids/${id}`);
    expect(served.status).toBe(200);
    const body = (await served.json()) as { schema: string };
    const servedType = avro.Type.forSchema(JSON.parse(body.schema) as avro.Schema);
    expect(servedType.fingerprint().equals(avro.Type.forSchema(v1 as avro.Schema).fingerprint())).toBe(true);
    // The bytes decode with the served schema alone, as a worker that looks the id up does.
    expect(servedType.fromBuffer(encoded.subarray(5))).toMatchObject({ id: 'x1', state: 'B' });

    const config = await registryFetch(`/config/${encodeURIComponent(subject)}`);
    expect(((await config.json()) as { compatibilityLevel: string }).compatibilityLevel).toBe('BACKWARD');
  });

  it('accepts a backward-compatible change and rejects an incompatible one under BACKWARD', async () => {
    const subject = `${uniqueName('smoke.compat')}-value`;
    const first = await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(v1) }, { subject });
    const compatible = { ...v1, fields: [...v1.fields, { name: 'note', type: ['null', 'string'], default: null }] };
    const second = await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(compatible) }, { subject });
    expect(second.id).not.toBe(first.id);

    const incompatible = { ...v1, fields: [...v1.fields, { name: 'required', type: 'int' }] };
    const check = await registryFetch(`/compatibility/subjects/${encodeURIComponent(subject)}/versions/latest`, {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ schema: JSON.stringify(incompatible) }),
    });
    expect(await check.json()).toMatchObject({ is_compatible: false });
    await expect(
      registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(incompatible) }, { subject }),
    ).rejects.toMatchObject({ status: 409 });
    expect(await registry.getLatestSchemaId(subject)).toBe(second.id);
  });

  it('answers 404 for an unknown schema id', async () => {
    const response = await registryFetch('/schemas/ids/987654321');
    expect(response.status).toBe(404);
  });
});
