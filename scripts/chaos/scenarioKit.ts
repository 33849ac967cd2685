// What every scenario does around its faults: its own topics and group, the worker environment,
// a watch on the group's progress (drained, or stalled), and the read-back by the outside reader.
import { join } from 'node:path';
import pino from 'pino';
import { parseConfig } from '../../src/config/parseConfig.js';
import { createStreamClientFromConfig } from '../../src/kafka/createStreamClientFromConfig.js';
import type { StreamAdmin } from '../../src/kafka/streamClient.js';
import type { ChaosStack } from './chaosStack.js';
import type { PythonEnv } from './pythonEnv.js';
import { parseReadRecords, type ReadRecord } from './readRecord.js';
import type { NodeLaunch } from './workerFleet.js';

export type Guarantee = 'at_least_once' | 'exactly_once';
export type ClientName = 'kafkajs' | 'platformatic';

export interface ChaosContext {
  stack: ChaosStack;
  python: PythonEnv;
  launch: NodeLaunch;
  client: ClientName;
  quick: boolean;
  runId: string;
  logRoot: string;
  /** No progress for this long while records wait is a stall. */
  stallMs: number;
  log(line: string): void;
}

export interface ScenarioTopics {
  input: string;
  output: string;
  dlq: string;
  campaign: string;
  group: string;
}

const silent = pino({ level: 'silent' });

export function scenarioTopics(context: ChaosContext, scenario: string): ScenarioTopics {
  const base = `chaos.${context.runId}.${scenario}`;
  return { input: `${base}.raw`, output: `${base}.enriched`, dlq: `${base}.dlq`, campaign: `${base}.campaigns`, group: `${base}.workers` };
}

export function connectAdmin(context: ChaosContext): StreamAdmin {
  const config = parseConfig({ ...context.stack.env });
  return createStreamClientFromConfig(config.kafka, silent, 'chaos-admin').createAdmin();
}

/**
 * Creates the scenario's topics and waits until each has its partitions. Several scenarios
 * creating topics at once on a busy 3-broker cluster can get a metadata error while leaders are
 * elected ("does not host this topic-partition"): the creation is tried again, and a topic that
 * exists by then counts as made.
 */
export async function createScenarioTopics(admin: StreamAdmin, topics: ScenarioTopics, inputPartitions: number): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await createTopicsOnce(admin, topics, inputPartitions);
      return;
    } catch (error) {
      const wanted = [topics.input, topics.output, topics.dlq, topics.campaign];
      const existing = new Set(await admin.listTopics().catch(() => []));
      if (wanted.every((topic) => existing.has(topic))) {
        const offsets = await admin.fetchTopicOffsets(topics.input).catch(() => []);
        if (offsets.length === inputPartitions) return;
      }
      if (attempt >= 5) throw error;
      await sleep(1000 * attempt);
    }
  }
}

async function createTopicsOnce(admin: StreamAdmin, topics: ScenarioTopics, inputPartitions: number): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const wanted = [
    { topic: topics.input, partitions: inputPartitions },
    { topic: topics.output, partitions: inputPartitions },
    { topic: topics.dlq, partitions: 1 },
    { topic: topics.campaign, partitions: 1, config: { 'cleanup.policy': 'compact' } },
  ].filter((topic) => !existing.has(topic.topic));
  if (wanted.length > 0) await admin.createTopics(wanted);
}

export function workerEnv(context: ChaosContext, topics: ScenarioTopics, guarantee: Guarantee, sessionTimeoutMs: number): Record<string, string> {
  return {
    ...context.stack.env,
    INPUT_TOPIC: topics.input,
    OUTPUT_TOPIC: topics.output,
    DLQ_TOPIC: topics.dlq,
    CAMPAIGN_TOPIC: topics.campaign,
    GROUP_ID: topics.group,
    PROCESSING_GUARANTEE: guarantee,
    KAFKA_SESSION_TIMEOUT_MS: String(sessionTimeoutMs),
    KAFKA_CLIENT: context.client,
    LOG_LEVEL: 'info',
  };
}

export function scenarioLogDir(context: ChaosContext, scenario: string): string {
  return join(context.logRoot, scenario);
}

export interface DrainResult {
  drained: boolean;
  /** Why not: a stall (no progress for the bound) or the overall time limit. */
  problem?: string;
}

/**
 * Polls the group's committed offsets against the input's high watermarks every second until
 * the feed is over and every partition is committed to its end. Gives up when the committed
 * total does not move for `stallMs` while records wait (a stall), or after `timeoutMs`.
 */
export async function awaitDrain(admin: StreamAdmin, topics: ScenarioTopics, options: { feeding: () => boolean; stallMs: number; timeoutMs: number }): Promise<DrainResult> {
  const started = Date.now();
  let lastTotal = -1;
  let lastMove = Date.now();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    let lag = -1;
    try {
      const [highs, committed] = await Promise.all([admin.fetchTopicOffsets(topics.input), admin.fetchCommittedOffsets(topics.group, topics.input)]);
      let total = 0;
      lag = 0;
      for (const { partition, high } of highs) {
        const done = Number(committed.get(partition) ?? 0);
        total += done;
        lag += Math.max(0, Number(high) - done);
      }
      if (total !== lastTotal) {
        lastTotal = total;
        lastMove = Date.now();
      }
    } catch {
      // The admin cannot reach the group (a broker down): no progress seen, the stall clock runs.
    }
    if (lag === 0 && !options.feeding()) return { drained: true };
    if (lag !== 0 && Date.now() - lastMove > options.stallMs) {
      return { drained: false, problem: `stall: no committed progress for ${Math.round((Date.now() - lastMove) / 1000)} s with ${lag < 0 ? 'unknown' : lag} records waiting` };
    }
    if (Date.now() - started > options.timeoutMs) return { drained: false, problem: `not drained within ${Math.round(options.timeoutMs / 1000)} s (lag ${lag})` };
  }
}

/** Everything the outside reader finds in the scenario's topics. */
export async function readBack(context: ChaosContext, topics: ScenarioTopics): Promise<ReadRecord[]> {
  const text = await context.python.runScript('read_output.py', [
    '--brokers', context.stack.env.KAFKA_BROKERS as string,
    '--registry', context.stack.env.SCHEMA_REGISTRY_URL as string,
    '--input', topics.input, '--output', topics.output, '--dlq', topics.dlq,
  ]);
  return parseReadRecords(text);
}

/** Processing times the reader found (output processedAt, DLQ failed-at), for the gap figure. */
export function processingTimes(records: readonly ReadRecord[]): number[] {
  const times: number[] = [];
  for (const record of records) if ((record.k === 'out' || record.k === 'dlq') && typeof record.t === 'number') times.push(record.t);
  return times;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
