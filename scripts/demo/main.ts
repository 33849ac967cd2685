// `npm run demo`: the main job end to end on the real local stack. Starts the stack if none is
// live, creates this run's topics, registers the schemas, writes campaigns and 1,000 mixed
// events (unknown enums, an evolved writer schema, poison), runs the worker until every record
// is in the enriched topic or the DLQ, prints a summary and three samples, and checks
// produced = enriched + dead-lettered.
import type { Config } from '../../src/config/config.js';
import { parseConfig } from '../../src/config/parseConfig.js';
import { createStreamClientFromConfig } from '../../src/kafka/createStreamClientFromConfig.js';
import { decodeEnriched } from '../../src/model/enrichedCodec.js';
import type { EnrichedConversationCallback } from '../../src/model/types.js';
import { toJsonView } from '../../src/model/toJsonView.js';
import { createLogger } from '../../src/observability/createLogger.js';
import { headerText } from '../../src/pipeline/headers.js';
import { createMetrics } from '../../src/observability/createMetrics.js';
import { createRegistryClientFromConfig } from '../../src/registry/createRegistryClientFromConfig.js';
import { runProduce } from '../../src/tools/produce/runProduce.js';
import { registerProjectSchemas } from '../../src/tools/schema/registerProjectSchemas.js';
import { createWorker } from '../../src/worker/createWorker.js';
import { startStack } from '../stack/control.js';
import { collectTopic } from './collectTopic.js';
import { formatOneTrace, startDemoTracing } from './demoTracing.js';
import { formatDemoSummary, summariseDemo } from './summariseDemo.js';

const EVENTS = 1000;
const WAIT_LIMIT_MS = 180_000;
const say = (line: string): void => { process.stdout.write(`${line}\n`); };

async function stackEnv(): Promise<Record<string, string>> {
  if (process.env.KAFKA_BROKERS && process.env.SCHEMA_REGISTRY_URL) {
    say('using KAFKA_BROKERS and SCHEMA_REGISTRY_URL from the environment');
    return {};
  }
  say('starting the local stack (npm run stack:up) if it is not running ...');
  const { env, started } = await startStack();
  say(started.length > 0 ? `started: ${started.join(', ')}` : 'the local stack was already running');
  return env;
}

function demoConfig(env: Record<string, string>, runId: string): Config {
  const suffix = `demo-${runId}`;
  return parseConfig({
    ...process.env,
    ...env,
    INPUT_TOPIC: `callbacks.raw.${suffix}`,
    OUTPUT_TOPIC: `callbacks.enriched.${suffix}`,
    DLQ_TOPIC: `callbacks.dlq.${suffix}`,
    CAMPAIGN_TOPIC: `callbacks.campaigns.${suffix}`,
    GROUP_ID: `callback-enricher-${suffix}`,
    INSTANCE_ID: `demo-worker-${runId}`,
    ROUTES: JSON.stringify([{ topic: `callbacks.completed.${suffix}`, when: { outcome: ['COMPLETED'] } }]),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
}

/** One sample per interesting shape: a campaign join, an enum fallback, a completed call. */
function pickSamples(records: EnrichedConversationCallback[]): EnrichedConversationCallback[] {
  const picks = [
    records.find((r) => r.campaign !== null && r.derived.scheduledLocalTime !== null),
    records.find((r) => Object.keys(r.unknownEnumValues).length > 0),
    records.find((r) => r.derived.outcome === 'COMPLETED'),
  ];
  return [...new Set(picks.filter((r): r is EnrichedConversationCallback => r !== undefined))];
}

async function main(): Promise<number> {
  const env = await stackEnv();
  // Traced as an operator would trace the worker: an SDK registered before anything starts.
  const spans = startDemoTracing();
  const runId = Date.now().toString(36);
  const config = demoConfig(env, runId);
  const logger = createLogger({ level: config.logLevel, destination: process.stderr });
  const client = createStreamClientFromConfig(config.kafka, logger, 'callback-enricher-demo');
  const registry = createRegistryClientFromConfig(config.registry, logger);
  const { topics } = config;

  const admin = client.createAdmin();
  await admin.connect();
  await admin.createTopics([
    { topic: topics.input, partitions: 3 },
    { topic: topics.output, partitions: 3 },
    { topic: topics.dlq, partitions: 1 },
    { topic: topics.campaign, partitions: 1, config: { 'cleanup.policy': 'compact' } },
    ...config.routes.map((rule) => ({ topic: rule.topic, partitions: 1 })),
  ]);
  await admin.disconnect();
  say(`topics: ${Object.values(topics).join(', ')}, route ${config.routes.map((r) => r.topic).join(', ')}`);

  for (const row of await registerProjectSchemas(registry, topics)) say(`schema ${row.subject}: version ${row.version}, id ${row.id}`);

  const produced = await runProduce({ client, registry }, {
    topic: topics.input, campaignTopic: topics.campaign, count: EVENTS, seed: 'demo', baseTime: Date.now(),
    ratios: { unknownEnum: 0.1, evolved: 0.1, poison: 0.03 }, campaigns: 8, trace: true,
  });
  say(`produced ${produced.produced} events (${Object.entries(produced.byKind).map(([k, n]) => `${k} ${n}`).join(', ')}) and ${produced.campaigns.count} campaigns`);

  const output = await collectTopic(client, topics.output, `${config.groupId}.read-output`);
  const dlq = await collectTopic(client, topics.dlq, `${config.groupId}.read-dlq`);
  const worker = createWorker({ config, logger, registry, metrics: createMetrics({ defaultMetrics: false }), tuning: { probeIntervalMs: 1000 } });
  const startedAt = performance.now();
  await worker.start();
  say('worker running; waiting until every record is enriched or dead-lettered ...');
  let lastAt = startedAt;
  const deadline = Date.now() + WAIT_LIMIT_MS;
  while (output.records.length + dlq.records.length < produced.produced && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50)); // polls the collectors' counts
    lastAt = performance.now();
  }
  await worker.stop();
  await Promise.all([output.stop(), dlq.stop()]);
  say('worker stopped\n');

  const enriched = output.records.map((r) => decodeEnriched((r.value as Buffer).subarray(5)));
  const summary = summariseDemo(enriched, dlq.records.map((r) => r.headers));
  say(formatDemoSummary(summary, produced.produced, (lastAt - startedAt) / 1000));
  const samples = pickSamples(enriched);
  for (const sample of samples) say(JSON.stringify(toJsonView(sample), null, 2));
  const traced = output.records.find((r) => headerText(r.headers, 'event.id') === samples[0]?.eventId);
  const traceLines = traced && formatOneTrace(spans, topics.output, traced.headers);
  if (traceLines) say(`\n${traceLines}`);
  say(`\nThe stack keeps running: npx callback-enricher tail --topic ${topics.output} --from-beginning (with .local/stack.env in the environment); npm run stack:down stops it.`);
  return summary.enriched + summary.deadLettered === produced.produced ? 0 : 1;
}

process.exitCode = await main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${(error as Error).stack ?? String(error)}\n`);
  return 1;
});
