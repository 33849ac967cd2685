// The worker, composed from its parts: topic check → output schema → campaign table → producer →
// group consumer → lag and registry probes. Its dependencies come in (registry, metrics, logger,
// Kafka client) so tests run the same composition against the real stack.
import type avro from 'avsc';
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import { createStreamClientFromConfig } from '../kafka/createStreamClientFromConfig.js';
import type { StreamClient } from '../kafka/streamClient.js';
import type { ReadinessVerdict } from '../observability/evaluateReadiness.js';
import type { Metrics } from '../observability/createMetrics.js';
import { createWorkerTracing } from '../observability/tracing.js';
import { processRecord, type ProcessDeps } from '../pipeline/processRecord.js';
import { projectSchemas } from '../schemas/avroSchemas.js';
import { createBatchHandler, type BatchStats } from './createBatchHandler.js';
import { createCampaignTable } from './createCampaignTable.js';
import { createFailingBatches, DEFAULT_UNEXPECTED_BACKOFF } from './createFailingBatches.js';
import {
  createAtLeastOnceDelivery, createExactlyOnceDelivery, transactionalIdFor, type Delivery,
} from './createDelivery.js';
import { createLagMonitor } from './createLagMonitor.js';
import { createOutageTracker, type BackoffOptions, type OutageTracker } from './createOutageTracker.js';
import { createPartitionedExactlyOnceDelivery } from './createPartitionedExactlyOnceDelivery.js';
import { createPipelineThreads, type PipelineThreads } from './createPipelineThreads.js';
import { createReadiness } from './createReadiness.js';
import { createRecordAgeTracker } from './createRecordAgeTracker.js';
import { livenessTimings } from './livenessTimings.js';
import { pipelineThreadCount } from './pipelineThreadCount.js';
import type { ProcessSettings } from './pipelineThreadProtocol.js';
import { processRecords, type ProcessRecords } from './processRecords.js';
import { requiredTopics, valueSubject } from '../kafka/topics.js';
import { verifyTopics } from '../kafka/verifyTopics.js';
import { StoppedDuringStartError, waitOutOutage } from './waitOutOutage.js';

/** The slice of the registry client the worker uses. */
export interface WorkerRegistry {
  prefetchWriterTypes(schemaIds: Iterable<number>): Promise<void>;
  writerTypeFor(schemaId: number): avro.Type | undefined;
  /** Registers (idempotently) and returns the schema id. */
  registerSchema(subject: string, schema: object): Promise<number>;
  isReachable(): Promise<boolean>;
}

/** Timing that is not user configuration; tests shorten it. */
export interface WorkerTuning {
  /** How often lag and registry reachability are polled for /readyz and /metrics. */
  probeIntervalMs: number;
  /** Consecutive unexpected failures of one partition's batch before /readyz reports it. */
  unexpectedFailuresBeforeUnready: number;
  /** Pauses between retries of a batch that failed with an unexpected error. */
  unexpectedBackoff: BackoffOptions;
}

export const DEFAULT_TUNING: WorkerTuning = {
  probeIntervalMs: 5_000, unexpectedFailuresBeforeUnready: 3, unexpectedBackoff: DEFAULT_UNEXPECTED_BACKOFF,
};

export interface WorkerDeps {
  config: Config;
  logger: Logger;
  registry: WorkerRegistry;
  metrics: Metrics;
  client?: StreamClient;
  tuning?: Partial<WorkerTuning>;
  clock?: () => number;
}

export interface Worker {
  /** Resolves once consuming; throws on a start-up error (missing topic, authentication). */
  start(): Promise<void>;
  /** Graceful: stops fetching, finishes and commits the batch in hand, leaves the group. */
  stop(): Promise<void>;
  readiness(): ReadinessVerdict;
  /** Settles with the error that ended the worker for good (fenced, consumer crashed). */
  readonly fatal: Promise<Error>;
}

function recordBatchMetrics(metrics: Metrics, stats: BatchStats): void {
  metrics.recordsIn(stats.records);
  metrics.recordsOut(stats.produced);
  for (const [topic, count] of stats.routed) metrics.recordsRouted(topic, count);
  for (const reason of stats.deadLettered) metrics.recordsDeadLettered(reason);
  for (const field of stats.enumFallbacks) metrics.enumFallback(field);
  if (stats.coreBugs > 0) metrics.coreBug(stats.coreBugs);
  metrics.observeProcessingSeconds(stats.durationMs / 1000);
}

export function createWorker(deps: WorkerDeps): Worker {
  const { config, logger, registry, metrics } = deps;
  const tuning = { ...DEFAULT_TUNING, ...deps.tuning };
  const clock = deps.clock ?? Date.now;
  const client = deps.client ?? createStreamClientFromConfig(config.kafka, logger);
  const { topics, groupId } = config;
  const timings = livenessTimings(config.sessionTimeoutMs);
  const failingBatches = createFailingBatches({
    logger, unreadyAfter: tuning.unexpectedFailuresBeforeUnready, backoff: tuning.unexpectedBackoff,
    onUnexpected: (stage) => metrics.unexpectedError(stage),
  });
  const readiness = createReadiness(topics.input, config.readyStallMs, clock, () => failingBatches.stuck());
  const registryState = createOutageTracker(logger, 'schema registry', (down) => readiness.registryReachable(!down), timings.registryBackoff);
  const brokerState = createOutageTracker(logger, 'Kafka brokers');
  const admin = client.createAdmin();
  const consumer = client.createGroupConsumer({
    groupId, fromBeginning: true, sessionTimeoutMs: config.sessionTimeoutMs, maxBytesPerPartition: config.fetchMaxBytesPerPartition,
    // at_least_once: a second partition's batch is processed while the first one's send waits
    // for its ack (order within a partition is unaffected). exactly_once keeps one transaction
    // in flight: KafkaJS's transactional producer cannot run two at once. Even with one producer
    // per partition, 2 wrote records twice in workerZombie.test.ts (BENCHMARKS.md, latency).
    partitionsConsumedConcurrently: config.processingGuarantee === 'exactly_once' ? 1 : 2,
  });
  const campaigns = createCampaignTable({
    client, admin, topic: topics.campaign, registry, logger,
    groupId: `${groupId}.campaigns.${config.instanceId}.${clock().toString(36)}`,
    onSizeChange: (size) => metrics.campaignTableSize(size),
    onChange: (id, campaign) => pipelineThreads?.campaignChanged(id, campaign),
  });
  let pipelineThreads: PipelineThreads | undefined;
  let stopping = false;
  // exactly_once: a client whose offset commits carry the group generation (KIP-447) fences a
  // zombie with one producer per instance; any other (KafkaJS) needs one per input partition.
  const delivery: Delivery = config.processingGuarantee === 'at_least_once'
    ? createAtLeastOnceDelivery(client.createProducer(), consumer)
    : client.zombieFencing === 'group-generation'
      ? createExactlyOnceDelivery(client.createTransactionalProducer(transactionalIdFor(groupId, config.instanceId)), () => stopping)
      : createPartitionedExactlyOnceDelivery({ client, admin, groupId, dlqTopic: topics.dlq, logger, stopping: () => stopping });
  let ownedPartitions: number[] = [];
  const recordAges = createRecordAgeTracker();
  const tracing = createWorkerTracing({ groupId });
  // The batch handler's view of an outage tracker, which also tells the batch's span why it waits.
  const traced = (tracker: OutageTracker, dependency: string): OutageTracker => ({
    ...tracker,
    failed(error) {
      tracing.noteOutage(dependency, error);
      return tracker.failed(error);
    },
  });
  const lagMonitor = createLagMonitor({
    admin, groupId, topic: topics.input, logger, clock,
    ownedPartitions: () => ownedPartitions,
    oldestUnprocessed: (partition) => recordAges.oldestUnprocessed(partition),
    onLag(partition, lag, seconds) {
      metrics.consumerLag(topics.input, partition, lag);
      metrics.consumerLagSeconds(topics.input, partition, seconds);
    },
  });
  let probeTimer: NodeJS.Timeout | undefined;
  let reportFatal: (error: Error) => void = () => undefined;
  const fatal = new Promise<Error>((resolve) => { reportFatal = resolve; });
  const isStopping = (): boolean => stopping;

  async function probe(): Promise<void> {
    readiness.registryReachable(await registry.isReachable().catch(() => false));
    await lagMonitor.poll();
    readiness.lag(lagMonitor.lag());
  }

  function startProbes(): void {
    probeTimer = setTimeout(() => void probe().finally(() => { if (!stopping) startProbes(); }), tuning.probeIntervalMs);
    probeTimer.unref();
  }

  function processSettings(outputSchemaId: number): ProcessSettings {
    return {
      defaultPhoneRegion: config.defaultPhoneRegion,
      instanceId: config.instanceId,
      outputTopic: topics.output,
      dlqTopic: topics.dlq,
      outputSchemaId,
      routes: config.routes,
    };
  }

  /** processRecord over a batch: on this thread, or on PIPELINE_THREADS threads unless records are traced. */
  function recordProcessor(outputSchemaId: number): ProcessRecords {
    const settings = processSettings(outputSchemaId);
    const base: Omit<ProcessDeps, 'now'> = {
      ...settings,
      writerTypeFor: (id) => registry.writerTypeFor(id),
      lookupCampaign: (id) => campaigns.lookup(id) ?? undefined,
    };
    let batchDeps: ProcessDeps = { ...base, now: 0 };
    const inline: ProcessRecords = (records, now) => {
      if (batchDeps.now !== now) batchDeps = { ...base, now };
      return processRecords(records, now, (record) => tracing.traceRecord(record, () => processRecord(record, batchDeps)));
    };
    const { threads: count, ignored } = pipelineThreadCount(config);
    if (ignored !== undefined) logger.warn({ pipelineThreads: config.pipelineThreads, guarantee: config.processingGuarantee }, ignored);
    if (count === 0) return inline;
    const threads = createPipelineThreads({
      threads: count, settings, logger,
      writerTypeFor: (id) => registry.writerTypeFor(id),
      campaigns: () => campaigns.entries(),
      onThreadCount: (running) => metrics.pipelineThreads(running),
    });
    pipelineThreads = threads;
    // A traced batch stays here: its records' spans and trace headers are made on this thread.
    return (records, now) => (records.length > 0 && tracing.tracesRecords(records[0]!.partition) ? inline(records, now) : threads.processRecords(records, now));
  }

  return {
    fatal,
    readiness: () => readiness.verdict(),

    async start() {
      try {
        await startParts();
      } catch (error) {
        // A stop() during start-up closed the parts that were open then; a part this start opened
        // afterwards (producer, consumer) would keep the process alive as a member nobody drives.
        if (stopping) await closeParts();
        throw error;
      }
      if (stopping) {
        await closeParts();
        throw new StoppedDuringStartError('the consumer group');
      }
      startProbes();
      logger.info({ input: topics.input, output: topics.output, guarantee: config.processingGuarantee, instanceId: config.instanceId }, 'worker consuming');
    },

    async stop() {
      stopping = true;
      readiness.left();
      if (probeTimer) clearTimeout(probeTimer);
      await closeParts();
      logger.info('worker stopped');
    },
  };

  async function startParts(): Promise<void> {
    const waitOut = <T>(what: string, step: () => Promise<T>): Promise<T> =>
      waitOutOutage(step, { what, logger, isStopping });
    await waitOut('Kafka admin connection', () => admin.connect());
    await waitOut('topic check', () => verifyTopics(admin, requiredTopics(config)));
    const subject = valueSubject(topics.output);
    const outputSchemaId = await waitOut('output schema registration', () => registry.registerSchema(subject, projectSchemas().schemas.enriched));
    logger.info({ subject, schemaId: outputSchemaId }, 'output schema registered');
    readiness.registryReachable(true);
    await waitOut('campaign table', () => campaigns.start());
    readiness.campaignTableLoaded();
    metrics.campaignTableSize(campaigns.size());
    await waitOut('producer', () => delivery.connect());

    const handler = createBatchHandler({
      prefetch: (ids) => registry.prefetchWriterTypes(ids),
      processRecords: recordProcessor(outputSchemaId),
      delivery, failingBatches, clock,
      registryState: traced(registryState, 'schema registry'),
      brokerState: traced(brokerState, 'Kafka brokers'),
      heartbeatIntervalMs: timings.heartbeatIntervalMs,
      onDelivered(stats) {
        readiness.progressed();
        recordBatchMetrics(metrics, stats);
        logger.debug({ partition: stats.partition, records: stats.records, ms: stats.durationMs, processMs: stats.processMs }, 'batch delivered');
      },
      onFatal(error) {
        logger.fatal({ err: error }, 'worker cannot continue');
        reportFatal(error);
      },
    });
    consumer.onAssignment((assignment) => {
      ownedPartitions = assignment.filter((a) => a.topic === topics.input).flatMap((a) => a.partitions);
      failingBatches.assigned(topics.input, ownedPartitions);
      delivery.assigned?.(topics.input, ownedPartitions);
      logger.info({ groupId, partitions: ownedPartitions }, 'joined the consumer group');
      readiness.joined();
    });
    consumer.onCrash((error) => {
      logger.fatal({ err: error }, 'consumer crashed and will not restart');
      reportFatal(error);
    });
    await waitOut('consumer connection', () => consumer.connect());
    if (stopping) throw new StoppedDuringStartError('the consumer group');
    await consumer.run(topics.input, recordAges.wrap(tracing.traceBatches(handler)));
  }

  async function closeParts(): Promise<void> {
    const steps: Array<[string, () => Promise<void>]> = [
      ['consumer', () => consumer.disconnect()],
      ['campaign table', () => campaigns.stop()],
      ['producer', () => delivery.disconnect()],
      ['admin', () => admin.disconnect()],
      ['pipeline threads', async () => { await pipelineThreads?.close(); }],
    ];
    for (const [name, step] of steps) {
      // One part failing to close must not keep the others open.
      await step().catch((error: unknown) => logger.warn({ err: error, part: name }, 'error while stopping'));
    }
  }
}
