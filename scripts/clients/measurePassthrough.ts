// Raw passthrough on the StreamClient that KAFKA_CLIENT picks: a backlog on a 2-partition topic is
// consumed batch by batch and written unchanged to another topic, at least once (send, then
// commit) and exactly once (one transaction per batch: records + offsets). No decode, no
// enrichment: what the client library itself costs. Prints one JSON line per mode.
//   KAFKA_CLIENT=platformatic npx -y -p node@22 node --import tsx scripts/clients/measurePassthrough.ts [records]
import pino from 'pino';
import { readStackEnv } from '../stack/control.js';
import { createStreamClientFromConfig } from '../../src/kafka/createStreamClientFromConfig.js';
import type { StreamAdmin, StreamClient } from '../../src/kafka/streamClient.js';

const PARTITIONS = 2;
const client = process.env.KAFKA_CLIENT === 'platformatic' ? 'platformatic' : 'kafkajs';
const records = Number(process.argv[2] ?? 200_000);

async function fill(streams: StreamClient, topic: string): Promise<void> {
  const producer = streams.createProducer();
  await producer.connect();
  const value = Buffer.alloc(300, 7);
  for (let i = 0; i < records; i += 5000) {
    await producer.send(Array.from({ length: Math.min(5000, records - i) }, (_, j) => ({
      topic, key: Buffer.from(`key-${(i + j) % 1000}`), value, headers: [{ key: 'n', value: Buffer.from(String(i + j)) }],
    })));
  }
  await producer.disconnect();
}

async function caughtUp(admin: StreamAdmin, groupId: string, topic: string): Promise<boolean> {
  const [watermarks, committed] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchCommittedOffsets(groupId, topic)]);
  return watermarks.every(({ partition, high }) => committed.get(partition) === high);
}

async function measure(streams: StreamClient, admin: StreamAdmin, mode: 'at_least_once' | 'exactly_once'): Promise<Record<string, unknown>> {
  const suffix = `${mode}.${client}.${Date.now().toString(36)}`;
  const [input, output, groupId] = [`clients.pt.${suffix}.in`, `clients.pt.${suffix}.out`, `clients.pt.${suffix}`];
  await admin.createTopics([{ topic: input, partitions: PARTITIONS }, { topic: output, partitions: PARTITIONS }]);
  await fill(streams, input);
  const consumer = streams.createGroupConsumer({ groupId, fromBeginning: true, partitionsConsumedConcurrently: mode === 'exactly_once' ? 1 : 2 });
  const producer = streams.createProducer();
  const transactional = streams.createTransactionalProducer(`${groupId}.tx`);
  if (mode === 'exactly_once') await transactional.connect();
  else await producer.connect();
  await consumer.connect();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await consumer.run(input, async (batch, control) => {
    const out = batch.records.map((r) => ({ topic: output, key: r.key, value: r.value, headers: r.headers }));
    const next = { topic: batch.topic, partition: batch.partition, offset: batch.nextOffset };
    if (mode === 'exactly_once') await transactional.sendInTransaction(out, [next], control.groupMetadata());
    else {
      await producer.send(out);
      await consumer.commit([next]);
    }
    return { kind: 'done' };
  });
  while (!(await caughtUp(admin, groupId, input))) await new Promise((resolve) => setTimeout(resolve, 50));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  await consumer.disconnect();
  await (mode === 'exactly_once' ? transactional : producer).disconnect();
  return {
    client, node: process.versions.node, mode, records,
    recordsPerSecond: Math.round(records / seconds),
    cpuMicrosPerRecord: Number(((cpu.user + cpu.system) / records).toFixed(1)),
    rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
  };
}

const stack = readStackEnv();
if (!stack?.KAFKA_BROKERS) throw new Error('no stack: set STACK_DIR or run npm run stack:up');
const streams = createStreamClientFromConfig({ client, brokers: stack.KAFKA_BROKERS.split(','), clientId: 'clients-passthrough', ssl: false }, pino({ level: 'error' }));
const admin = streams.createAdmin();
await admin.connect();
for (const mode of ['at_least_once', 'exactly_once'] as const) console.log(JSON.stringify(await measure(streams, admin, mode)));
await admin.disconnect();
