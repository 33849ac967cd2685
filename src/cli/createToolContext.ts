// What the tools (produce, schema, replay, tail) share: the validated Config, a logger on stderr,
// and lazily the Kafka and registry clients. Tools read the same environment as the worker.
import pino, { type Logger } from 'pino';
import type { Config } from '../config/config.js';
import { ConfigError } from '../config/configError.js';
import { parseConfig } from '../config/parseConfig.js';
import { createStreamClientFromConfig } from '../kafka/createStreamClientFromConfig.js';
import type { StreamClient } from '../kafka/streamClient.js';
import { createRegistryClient, type RegistryClient } from '../registry/createRegistryClient.js';

export interface ToolContext {
  config: Config;
  logger: Logger;
  kafka(): StreamClient;
  registry(): RegistryClient;
}

/**
 * The Config, or the reason it is invalid (a usage error). `schema` needs no broker, so a CI job
 * that has only SCHEMA_REGISTRY_URL must not fail on KAFKA_BROKERS: it gets a placeholder that
 * is never connected to.
 */
export function loadToolConfig(env: NodeJS.ProcessEnv, needsKafka = true): Config | string {
  try {
    return parseConfig(needsKafka ? env : { ...env, KAFKA_BROKERS: env.KAFKA_BROKERS || 'unused.invalid:9092' });
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
}

export function createToolContext(config: Config, stderr: NodeJS.WritableStream, tool: string): ToolContext {
  // JSON lines on stderr, like the worker's logs; stdout is the tool's output.
  const logger = pino({ level: config.logLevel, base: { tool } }, stderr as pino.DestinationStream);
  let kafka: StreamClient | undefined;
  let registry: RegistryClient | undefined;
  return {
    config,
    logger,
    kafka: () => (kafka ??= createStreamClientFromConfig(config.kafka, logger, `${config.kafka.clientId}-${tool}`)),
    registry: () => (registry ??= createRegistryClient({ url: config.registry.url, ...(config.registry.auth ? { auth: config.registry.auth } : {}), logger })),
  };
}
