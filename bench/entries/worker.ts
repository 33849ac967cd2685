// The worker end to end on the local broker: a backlog of Avro callbacks on the input topic, one
// worker run as a user runs it (the CLI in a child process), timed from "consuming" to the
// moment its committed offsets reach the high watermarks. Once per processing guarantee.
// Diagnostics (not for BENCHMARKS.md): WORKER_PROF=<dir> runs the worker under --cpu-prof;
// WORKER_LOG=<file> WORKER_LOG_LEVEL=debug keeps its log, with per-batch timings.
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchEntry, BenchFigure, BenchOutcome, BenchRunOptions } from '../benchEntry.js';
import { formatRate } from '../lib/measureRuns.js';
import { benchKafkaClient, benchStackEnv, createBenchStreamClient, NO_STACK } from '../lib/benchStackEnv.js';
import { caughtUp } from '../lib/groupProgress.js';
import { BENCH_PARTITIONS as PARTITIONS, createOutputTopics, prepareBenchInput, uniqueSuffix, type BenchSetup } from '../lib/prepareBenchInput.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A fresh backlog (lifecycle mix, no poison) and fresh output topics and group: the worker's environment. */
async function prepareTopics(setup: BenchSetup, name: string, records: number): Promise<Record<string, string>> {
  const input = await prepareBenchInput(setup, { name, records, poisonRatio: 0, seed: 'bench-worker' });
  const { output, dlq } = await createOutputTopics(setup.admin, name);
  const group = `bench.${uniqueSuffix(name)}`;
  return {
    INPUT_TOPIC: input.inputTopic, OUTPUT_TOPIC: output, DLQ_TOPIC: dlq, CAMPAIGN_TOPIC: input.campaignTopic,
    GROUP_ID: group, INSTANCE_ID: group.replace(/\./g, '-'),
  };
}

/** records/s of one worker over a backlog of `records`, from "consuming" to all committed. */
async function measureWorker(setup: BenchSetup, guarantee: string, records: number): Promise<number> {
  const topicEnv = await prepareTopics(setup, guarantee.replace(/_/g, '-'), records);
  const child = spawn(process.execPath, [...(process.env.WORKER_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.WORKER_PROF] : []), '--import', 'tsx', 'src/cli/main.ts', 'worker'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', KAFKA_BROKERS: setup.env.KAFKA_BROKERS, SCHEMA_REGISTRY_URL: setup.env.SCHEMA_REGISTRY_URL, KAFKA_CLIENT: benchKafkaClient(), ...topicEnv, PROCESSING_GUARANTEE: guarantee, HTTP_PORT: '0', LOG_LEVEL: process.env.WORKER_LOG_LEVEL ?? 'info' },
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
        const rate = await measureWorker({ env, client, admin }, guarantee, records);
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
