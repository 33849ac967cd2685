// The worker end to end on the local broker: a backlog of Avro callbacks on the input topic, one
// worker run as a user runs it (the CLI in a child process), timed from "consuming" to the
// moment its committed offsets reach the high watermarks. Once per processing guarantee.
// Diagnostics (not for BENCHMARKS.md): WORKER_PROF=<dir> runs the worker under --cpu-prof;
// WORKER_LOG=<file> WORKER_LOG_LEVEL=debug keeps its log, with per-batch timings.
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchEntry, BenchFigure, BenchOutcome, BenchRunOptions } from '../benchEntry.js';
import { buildCallbackMix } from '../lib/buildCallbackMix.js';
import { formatRate } from '../lib/measureRuns.js';
import type { StreamAdmin, StreamClient } from '../../src/kafka/streamClient.js';
import { valueSubject } from '../../src/kafka/topics.js';
import { encodeWire } from '../../src/pipeline/encodeWire.js';
import type { OutputRecord } from '../../src/pipeline/types.js';
import { createRegistryClient } from '../../src/registry/createRegistryClient.js';
import { projectSchemas } from '../../src/schemas/avroSchemas.js';
import { deriveWriterSchemas } from '../../src/tools/generate/deriveWriterSchemas.js';
import { benchKafkaClient, benchStackEnv, createBenchStreamClient, NO_STACK } from '../lib/benchStackEnv.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PARTITIONS = 2;

interface Setup {
  env: Record<string, string>;
  client: StreamClient;
  admin: StreamAdmin;
}

async function prepareTopics(setup: Setup, name: string, records: number): Promise<Record<string, string>> {
  const suffix = `${name}-${Date.now().toString(36)}`;
  const topics = { input: `bench.${suffix}.raw`, output: `bench.${suffix}.enriched`, dlq: `bench.${suffix}.dlq`, campaign: `bench.${suffix}.campaigns` };
  await setup.admin.createTopics([
    { topic: topics.input, partitions: PARTITIONS },
    { topic: topics.output, partitions: PARTITIONS },
    { topic: topics.dlq, partitions: 1 },
    { topic: topics.campaign, partitions: 1, config: { 'cleanup.policy': 'compact' } },
  ]);
  const registry = createRegistryClient({ url: setup.env.SCHEMA_REGISTRY_URL! });
  const writers = deriveWriterSchemas(projectSchemas().schemas.callback);
  // The mix frames records with ids 1–3; they are re-framed with the ids the registry gives.
  const realIds = new Map([
    [1, await registry.registerSchema(valueSubject(topics.input), writers.canonical)],
    [2, await registry.registerSchema(`${topics.input}-unknown-enum`, writers.unknownEnum)],
    [3, await registry.registerSchema(`${topics.input}-evolved`, writers.evolved)],
  ]);
  const campaignId = await registry.registerSchema(valueSubject(topics.campaign), projectSchemas().schemas.campaign);
  const mix = buildCallbackMix({ seed: 'bench-worker', records, lifecycle: true, concurrentConversations: 500, unknownEnumRatio: 0.05, evolvedRatio: 0.05 });
  const producer = setup.client.createProducer();
  await producer.connect();
  try {
    const campaignType = projectSchemas().types.campaign;
    await producer.send([...mix.campaigns.values()].map((c) => ({
      topic: topics.campaign, key: Buffer.from(c.id), value: encodeWire(campaignId, campaignType.toBuffer(c)), headers: [],
    })));
    const inputs: OutputRecord[] = mix.records.map(({ input, payload }) => ({
      topic: topics.input, key: input.key, value: encodeWire(realIds.get(input.value!.readUInt32BE(1))!, payload), headers: [],
    }));
    for (let i = 0; i < inputs.length; i += 5000) await producer.send(inputs.slice(i, i + 5000));
  } finally {
    await producer.disconnect();
  }
  return {
    INPUT_TOPIC: topics.input, OUTPUT_TOPIC: topics.output, DLQ_TOPIC: topics.dlq, CAMPAIGN_TOPIC: topics.campaign,
    GROUP_ID: `bench.${suffix}`, INSTANCE_ID: `bench-${suffix}`,
  };
}

async function caughtUp(admin: StreamAdmin, groupId: string, topic: string): Promise<boolean> {
  const [watermarks, committed] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchCommittedOffsets(groupId, topic)]);
  return watermarks.every(({ partition, high }) => committed.get(partition) === high);
}

/** records/s of one worker over a backlog of `records`, from "consuming" to all committed. */
async function measureWorker(setup: Setup, guarantee: string, records: number): Promise<number> {
  const topicEnv = await prepareTopics(setup, guarantee.replace(/_/g, '-'), records);
  const child = spawn(process.execPath, [...(process.env.WORKER_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.WORKER_PROF] : []), '--import', 'tsx', 'src/cli/main.ts', 'worker'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...setup.env, ...topicEnv, PROCESSING_GUARANTEE: guarantee, HTTP_PORT: '0', LOG_LEVEL: process.env.WORKER_LOG_LEVEL ?? 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    let consumingAt: number | undefined;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (process.env.WORKER_LOG) appendFileSync(process.env.WORKER_LOG, chunk);
      if (consumingAt === undefined && chunk.includes('"worker consuming"')) consumingAt = performance.now();
    });
    while (consumingAt === undefined) {
      if (child.exitCode !== null) throw new Error(`worker exited with ${child.exitCode}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    while (!(await caughtUp(setup.admin, topicEnv.GROUP_ID!, topicEnv.INPUT_TOPIC!))) {
      if (child.exitCode !== null) throw new Error(`worker exited with ${child.exitCode}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return records / ((performance.now() - consumingAt) / 1000);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

export const entry: BenchEntry = {
  name: 'worker',
  title: 'Worker end to end on the local broker',
  async run(options: BenchRunOptions): Promise<BenchOutcome> {
    const env = benchStackEnv();
    if (!env) return NO_STACK;
    const client = createBenchStreamClient(env, 'bench-worker');
    const admin = client.createAdmin();
    await admin.connect();
    const records = options.quick ? 5_000 : 100_000;
    const figures: BenchFigure[] = [];
    try {
      for (const guarantee of ['at_least_once', 'exactly_once']) {
        const rate = await measureWorker({ env: { KAFKA_BROKERS: env.KAFKA_BROKERS, SCHEMA_REGISTRY_URL: env.SCHEMA_REGISTRY_URL, KAFKA_CLIENT: benchKafkaClient() }, client, admin }, guarantee, records);
        figures.push({ label: `${guarantee}: records/s, input → output committed`, value: formatRate(rate) });
      }
    } finally {
      await admin.disconnect();
    }
    return {
      status: 'ok',
      report: {
        headline: `One worker moves ${figures[0]!.value} records/s at least once and ${figures[1]!.value} records/s exactly once through the local broker.`,
        figures,
        notes: [
          `${records.toLocaleString('en-US')} records of the core benchmark's lifecycle mix (5 % unknown enum values, 5 % evolved writer), already on a ${PARTITIONS}-partition input topic; ${PARTITIONS}-partition output; no routes; campaigns joined.`,
          'One worker as a user runs it (`node --import tsx src/cli/main.ts worker`), timed from its "worker consuming" log line until the group\'s committed offsets reach the high watermarks: group join, fetch, decode/map/enrich/encode, the produce with acks=all and the commit all count.',
          'Broker and worker share the machine (and its 2 cores): the figures are a floor for a dedicated broker, not a ceiling.',
          'exactly_once: one transaction per fetched partition batch (records + offsets), so it costs one transaction round trip (AddPartitions, AddOffsets, TxnOffsetCommit, EndTxn) per batch on top of the sends.',
        ],
      },
    };
  },
};
