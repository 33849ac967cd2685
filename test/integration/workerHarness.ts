// Shared set-up of the worker's integration tests: a fresh set of topics, Avro input in the
// Confluent wire format, readers of what the worker wrote and of its group's offsets. Running the
// worker itself is in workerProcesses.ts. Everything talks to the real local stack.
import { fileURLToPath } from 'node:url';
import avro from 'avsc';
import type { IHeaders } from 'kafkajs';
import { encodeWire } from '../../src/pipeline/encodeWire.js';
import { projectSchemas } from '../../src/schemas/avroSchemas.js';
import type { CampaignReference, EnrichedConversationCallback } from '../../src/model/types.js';
import { createTopics } from '../helpers/createTopics.js';
import type { ReadMessage } from '../helpers/readUntil.js';
import { createFixtureProducer, createKafka, registryFetch, stackEnv } from '../helpers/stack.js';
import { kafkaClientEnv } from '../helpers/streamClient.js';
import { uniqueName } from '../helpers/uniqueName.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface WorkerTopics {
  input: string;
  output: string;
  dlq: string;
  campaign: string;
  routes: string[];
}

/** Fresh topics for one test: input with `partitions`, the rest with one (campaigns compacted). */
export async function createWorkerTopics(prefix: string, options: { partitions?: number; routes?: number } = {}): Promise<WorkerTopics> {
  const topics: WorkerTopics = {
    input: uniqueName(`${prefix}.raw`),
    output: uniqueName(`${prefix}.enriched`),
    dlq: uniqueName(`${prefix}.dlq`),
    campaign: uniqueName(`${prefix}.campaigns`),
    routes: Array.from({ length: options.routes ?? 0 }, (_, i) => uniqueName(`${prefix}.route${i}`)),
  };
  await createTopics([
    { topic: topics.input, numPartitions: options.partitions ?? 1 },
    topics.output,
    topics.dlq,
    { topic: topics.campaign, numPartitions: 1, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] },
    ...topics.routes,
  ]);
  return topics;
}

/** Registers a schema under a subject through the registry's Confluent API; returns its id. */
export async function registerSchema(subject: string, schema: object): Promise<number> {
  const response = await registryFetch(`/subjects/${encodeURIComponent(subject)}/versions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ schema: JSON.stringify(schema) }),
  });
  if (!response.ok) throw new Error(`register ${subject}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: number }).id;
}

export interface AvroWriter {
  schemaId: number;
  encode(record: Record<string, unknown>): Buffer;
}

/**
 * A writer schema registered under `subject`, encoding records in the wire format. Writers that
 * are not compatible with each other (enums as strings vs enums) get subjects of their own:
 * the worker resolves ids, whatever subject they came from.
 */
export async function avroWriter(subject: string, schema: object): Promise<AvroWriter> {
  const schemaId = await registerSchema(subject, schema);
  const type = avro.Type.forSchema(schema as avro.Schema);
  return { schemaId, encode: (record) => encodeWire(schemaId, type.toBuffer(record)) };
}

/** A canonical callback record (every field null) with the given fields set. */
export function callbackRecord(fields: Record<string, unknown>): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const field of projectSchemas().schemas.callback.fields) record[field.name] = null;
  return { ...record, ...fields };
}

export interface TestMessage {
  key: string | null;
  value: Buffer | null;
  headers?: Record<string, string>;
  partition?: number;
}

export async function produce(topic: string, messages: TestMessage[]): Promise<void> {
  const producer = createFixtureProducer('test-producer');
  await producer.connect();
  try {
    await producer.send({
      topic,
      acks: -1,
      messages: messages.map((m) => ({
        key: m.key, value: m.value, ...(m.headers ? { headers: m.headers } : {}), ...(m.partition === undefined ? {} : { partition: m.partition }),
      })),
    });
  } finally {
    await producer.disconnect();
  }
}

export async function produceCampaigns(topic: string, campaigns: Array<{ id: string; campaign: CampaignReference | null }>): Promise<void> {
  const writer = await avroWriter(`${topic}-value`, projectSchemas().schemas.campaign);
  await produce(topic, campaigns.map(({ id, campaign }) => ({ key: id, value: campaign ? writer.encode({ ...campaign }) : null })));
}

export function campaign(id: string, fields: Partial<CampaignReference> = {}): CampaignReference {
  return { id, name: `Campaign ${id}`, divisionId: null, timeZone: 'Europe/Berlin', contactListId: null, dialingMode: null, updatedAt: null, ...fields };
}

const enrichedType = (): avro.Type => projectSchemas().types.enriched;

export function decodeEnriched(value: Buffer | null): EnrichedConversationCallback {
  if (!value) throw new Error('enriched value is null');
  return enrichedType().fromBuffer(value.subarray(5)) as EnrichedConversationCallback;
}

export function headerText(headers: IHeaders, name: string): string | undefined {
  const value = headers[name];
  const last = Array.isArray(value) ? value[value.length - 1] : value;
  return last === undefined ? undefined : last.toString();
}

/**
 * The worker's Kafka settings. WORKER_KAFKA_SECURITY=sasl_ssl points it at the SASL_SSL listener
 * of a stack started with STACK_SECURITY=sasl_ssl (SCRAM over TLS with the stack's CA); the
 * tests' own producers and readers stay on the plaintext listener.
 */
function workerKafkaEnv(env: Record<string, string>): Record<string, string> {
  if (process.env.WORKER_KAFKA_SECURITY !== 'sasl_ssl') return { KAFKA_BROKERS: env.KAFKA_BROKERS!, ...kafkaClientEnv() };
  const need = (key: string): string => {
    const value = env[key];
    if (!value) throw new Error(`WORKER_KAFKA_SECURITY=sasl_ssl needs ${key}: start the stack with STACK_SECURITY=sasl_ssl`);
    return value;
  };
  return {
    KAFKA_BROKERS: need('STACK_SASL_SSL_BROKERS'),
    KAFKA_SASL_MECHANISM: need('STACK_SASL_MECHANISM'),
    KAFKA_SASL_USERNAME: need('STACK_SASL_USERNAME'),
    KAFKA_SASL_PASSWORD: need('STACK_SASL_PASSWORD'),
    KAFKA_SSL: 'true',
    KAFKA_SSL_CA_PATH: need('STACK_SSL_CA_PATH'),
    ...kafkaClientEnv(),
  };
}

/** The env a user sets to run the worker on these topics against the test stack. */
export function workerEnv(topics: WorkerTopics, extra: Record<string, string> = {}): Record<string, string> {
  const env = stackEnv();
  return {
    ...workerKafkaEnv(env),
    SCHEMA_REGISTRY_URL: env.SCHEMA_REGISTRY_URL!,
    ...(env.SCHEMA_REGISTRY_USER ? { SCHEMA_REGISTRY_USER: env.SCHEMA_REGISTRY_USER, SCHEMA_REGISTRY_PASSWORD: env.SCHEMA_REGISTRY_PASSWORD ?? '' } : {}),
    INPUT_TOPIC: topics.input,
    OUTPUT_TOPIC: topics.output,
    DLQ_TOPIC: topics.dlq,
    CAMPAIGN_TOPIC: topics.campaign,
    GROUP_ID: uniqueName('worker-group'),
    INSTANCE_ID: uniqueName('worker'),
    HTTP_PORT: '0',
    LOG_LEVEL: 'info',
    ...extra,
  };
}

export interface Collector {
  messages: ReadMessage[];
  on(topic: string): ReadMessage[];
  stop(): Promise<void>;
}

/** A consumer (read_committed unless told) that keeps every record of `topics` from the beginning. */
export async function collect(topics: string[], options: { readCommitted?: boolean } = {}): Promise<Collector> {
  const consumer = createKafka('test-collector').consumer({
    groupId: uniqueName('test-collector'), maxWaitTimeInMs: 100, readUncommitted: options.readCommitted === false,
  });
  const messages: ReadMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch }) => {
      for (const message of batch.messages) {
        messages.push({
          topic: batch.topic, partition: batch.partition, offset: message.offset, timestamp: message.timestamp,
          key: message.key, value: message.value, headers: message.headers ?? {},
        });
      }
    },
  });
  return { messages, on: (topic) => messages.filter((m) => m.topic === topic), stop: () => consumer.disconnect() };
}

/**
 * Produces `total` records in small batches while a worker runs, so a kill lands mid-stream.
 * Resolves when all are acknowledged.
 */
export async function produceSteadily(topic: string, total: number, make: (i: number) => TestMessage, options: { batch?: number; pauseMs?: number } = {}): Promise<void> {
  const { batch = 100, pauseMs = 25 } = options;
  const producer = createFixtureProducer('test-steady-producer');
  await producer.connect();
  try {
    for (let start = 0; start < total; start += batch) {
      const messages = Array.from({ length: Math.min(batch, total - start) }, (_, j) => make(start + j));
      await producer.send({ topic, acks: -1, messages: messages.map((m) => ({ key: m.key, value: m.value })) });
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  } finally {
    await producer.disconnect();
  }
}

/** The group's committed offsets on a topic, and the topic's high watermarks, per partition. */
export async function groupPosition(groupId: string, topic: string): Promise<{ committed: Map<number, string>; high: Map<number, string>; state: string }> {
  const admin = createKafka('test-admin').admin();
  await admin.connect();
  try {
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const watermarks = await admin.fetchTopicOffsets(topic);
    const { groups } = await admin.describeGroups([groupId]);
    return {
      committed: new Map((offsets?.partitions ?? []).map((p) => [p.partition, p.offset])),
      high: new Map(watermarks.map((w) => [w.partition, w.high])),
      state: groups[0]?.state ?? 'Unknown',
    };
  } finally {
    await admin.disconnect();
  }
}

/** Records whose offsets the group committed on a topic (offsets start at 0 on fresh topics). */
export async function committedRecords(groupId: string, topic: string): Promise<number> {
  const { committed } = await groupPosition(groupId, topic);
  return [...committed.values()].reduce((sum, offset) => sum + Math.max(0, Number(offset)), 0);
}
