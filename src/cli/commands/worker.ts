// `callback-enricher worker`: configuration from the environment, the worker, its HTTP face, and
// the process lifecycle: SIGTERM/SIGINT (or the parent process gone: see watchParent.ts) →
// graceful stop within SHUTDOWN_TIMEOUT_MS → exit 0.
import { Command } from 'commander';
import type { Config } from '../../config/config.js';
import { ConfigError } from '../../config/configError.js';
import { formatEnvHelp } from '../../config/formatEnvTable.js';
import { parseConfig } from '../../config/parseConfig.js';
import { createLogger } from '../../observability/createLogger.js';
import { createMetrics } from '../../observability/createMetrics.js';
import { startHttpServer, type HttpServer } from '../../observability/startHttpServer.js';
import { createRegistryClientFromConfig } from '../../registry/createRegistryClientFromConfig.js';
import { createWorker } from '../../worker/createWorker.js';
import { livenessTimings } from '../../worker/livenessTimings.js';
import { EXIT, type CliIo } from '../io.js';
import { watchParent } from '../watchParent.js';
import type { CommandFactory } from '../commandFactory.js';
import { describeError } from '../../errors.js';

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

type Ending = { kind: 'signal'; signal: string } | { kind: 'fatal'; error: Error };

function summarise(config: Config): Record<string, unknown> {
  return {
    brokers: config.kafka.brokers,
    sasl: config.kafka.sasl?.mechanism ?? 'none',
    ssl: config.kafka.ssl !== false,
    registry: config.registry.url,
    topics: config.topics,
    groupId: config.groupId,
    guarantee: config.processingGuarantee,
    instanceId: config.instanceId,
    routes: config.routes.map((rule) => rule.topic),
    httpPort: config.http.port,
  };
}

/** Resolves with true when `work` finished within `ms`, false when the time ran out first. */
async function finishesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), ms); });
  try {
    return await Promise.race([work.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function runWorker(io: CliIo): Promise<number> {
  let config: Config;
  try {
    config = parseConfig(io.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr.write(`callback-enricher worker: ${error.message}\nRun \`callback-enricher worker --help\` for every variable and its default.\n`);
    return EXIT.USAGE;
  }
  const logger = createLogger({ level: config.logLevel, base: { instanceId: config.instanceId }, destination: io.stdout });
  const metrics = createMetrics();
  // Bounded well below the session timeout: a hung registry defers batches, never expels the member.
  const registry = createRegistryClientFromConfig(config.registry, logger, livenessTimings(config.sessionTimeoutMs).registryTimeoutMs);
  const worker = createWorker({ config, logger, registry, metrics });

  let signalled: (ending: Ending) => void = () => undefined;
  const ended = new Promise<Ending>((resolve) => { signalled = resolve; });
  let signals = 0;
  const onSignal = (signal: string): void => {
    signals += 1;
    // A second signal while stopping means "now": skip the rest of the graceful path.
    if (signals > 1) {
      logger.warn({ signal }, 'second signal: exiting without finishing the shutdown');
      process.exit(EXIT.FAILED);
    }
    logger.info({ signal }, 'shutting down');
    signalled({ kind: 'signal', signal });
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  // An orphan (its launcher died without passing the signal on) stops as if sent SIGTERM.
  const parentWatch = watchParent({
    onOrphaned(parent, now) {
      logger.warn({ parent, now }, 'parent process gone (the launcher did not pass a signal on): shutting down');
      signalled({ kind: 'signal', signal: 'orphaned' });
    },
  });
  const release = (): void => {
    parentWatch.stop();
    for (const signal of SIGNALS) process.off(signal, onSignal);
  };
  void worker.fatal.then((error) => signalled({ kind: 'fatal', error }));

  logger.info({ config: summarise(config) }, 'worker starting');
  let http: HttpServer;
  try {
    http = await startHttpServer({ port: config.http.port, readiness: () => worker.readiness(), metrics });
  } catch (error) {
    release();
    io.stderr.write(`callback-enricher worker: cannot serve HTTP on HTTP_PORT=${config.http.port}: ${describeError(error)}\n`);
    return EXIT.FAILED;
  }
  logger.info({ port: http.port }, 'HTTP listening: /healthz /readyz /metrics');
  const started = worker.start();
  try {
    // A signal during start-up (for example while waiting out a registry outage) stops it too.
    const first = await Promise.race([started.then(() => 'started' as const), ended.then(() => 'ended' as const)]);
    if (first === 'ended') started.catch(() => undefined); // stop() makes start() give up
  } catch (error) {
    logger.fatal({ err: error }, 'worker failed to start');
    await finishesWithin(worker.stop().then(() => http.close()), config.shutdownTimeoutMs);
    release();
    io.stderr.write(`callback-enricher worker: ${describeError(error)}\n`);
    return EXIT.FAILED;
  }
  const ending = await ended;
  // A signal during start-up: start() sees `stopping` at its next step, closes what it opened since,
  // and settles; waiting for it means nothing is left running when the command returns.
  const stopped = worker.stop().then(() => started.then(() => undefined, () => undefined)).then(() => http.close());
  const stoppedInTime = await finishesWithin(stopped, config.shutdownTimeoutMs);
  release();
  if (!stoppedInTime) {
    logger.error({ shutdownTimeoutMs: config.shutdownTimeoutMs }, 'graceful shutdown timed out; exiting');
    process.exit(EXIT.FAILED);
  }
  if (ending.kind === 'fatal') return EXIT.FAILED;
  logger.info('shutdown complete');
  return EXIT.OK;
}

export const makeWorkerCommand: CommandFactory = (io, setExitCode) =>
  new Command('worker')
    .description('run the stream processor (config from env; see the variables below)')
    .addHelpText('after', `\n${formatEnvHelp()}`)
    .action(async () => {
      setExitCode(await runWorker(io));
    });
