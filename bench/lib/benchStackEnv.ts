// The stack a bench entry that needs Kafka runs against: the environment's, else the local one.
import pino from 'pino';
import { readStackEnv } from '../../scripts/stack/control.js';
import type { KafkaClientName } from '../../src/config/config.js';
import { createStreamClientFromConfig } from '../../src/kafka/createStreamClientFromConfig.js';
import type { StreamClient } from '../../src/kafka/streamClient.js';

export interface BenchStackEnv {
  KAFKA_BROKERS: string;
  SCHEMA_REGISTRY_URL: string;
}

/** undefined when there is neither: the entry then reports itself skipped. */
export function benchStackEnv(): BenchStackEnv | undefined {
  const env = process.env.KAFKA_BROKERS && process.env.SCHEMA_REGISTRY_URL
    ? { KAFKA_BROKERS: process.env.KAFKA_BROKERS, SCHEMA_REGISTRY_URL: process.env.SCHEMA_REGISTRY_URL }
    : readStackEnv();
  if (!env?.KAFKA_BROKERS || !env.SCHEMA_REGISTRY_URL) return undefined;
  return { KAFKA_BROKERS: env.KAFKA_BROKERS, SCHEMA_REGISTRY_URL: env.SCHEMA_REGISTRY_URL };
}

/** KAFKA_CLIENT=kafkajs (default) | platformatic: the client a bench entry and the worker it runs use. */
export function benchKafkaClient(): KafkaClientName {
  return process.env.KAFKA_CLIENT === 'platformatic' ? 'platformatic' : 'kafkajs';
}

export function createBenchStreamClient(env: BenchStackEnv, clientId: string): StreamClient {
  return createStreamClientFromConfig({ client: benchKafkaClient(), brokers: env.KAFKA_BROKERS.split(','), clientId, ssl: false }, pino({ level: 'error' }));
}

export const NO_STACK = { status: 'skipped', reason: 'no stack: run `npm run stack:up` first' } as const;
