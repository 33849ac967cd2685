// How tests reach the stack: globalSetup.ts provides its settings as `stackEnv`; these helpers
// turn them into kafkajs and schema-registry clients.
import { readFileSync } from 'node:fs';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { Kafka, logLevel, type KafkaConfig, type Producer } from 'kafkajs';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** KAFKA_BROKERS, SCHEMA_REGISTRY_URL and whatever else the stack's settings hold. */
    stackEnv: Record<string, string>;
    /** True when the tests run on the local stack of .local/ (its processes can be stopped and started). */
    stackIsLocal: boolean;
  }
}

export type StackEnv = Record<string, string>;

/** The stack settings global setup found or made (CONTRACT §5 names: KAFKA_BROKERS, SCHEMA_REGISTRY_URL, …). */
export function stackEnv(): StackEnv {
  return inject('stackEnv');
}

/** Whether fault tests may stop and start stack processes (false on an external cluster). */
export function stackIsLocal(): boolean {
  return inject('stackIsLocal');
}

function required(env: StackEnv, key: string): string {
  const value = env[key];
  if (!value) throw new Error(`${key} is not set in the stack settings`);
  return value;
}

// KafkaJS logs retriable errors (coordinator loading, concurrent transactions) at ERROR; tests
// keep it quiet unless KAFKAJS_LOG_LEVEL=ERROR|WARN|INFO|DEBUG asks for it.
const LOG_LEVELS: Record<string, logLevel> = {
  NOTHING: logLevel.NOTHING,
  ERROR: logLevel.ERROR,
  WARN: logLevel.WARN,
  INFO: logLevel.INFO,
  DEBUG: logLevel.DEBUG,
};

/**
 * kafkajs settings from CONTRACT §5 variables: KAFKA_BROKERS, optional KAFKA_SASL_MECHANISM /
 * KAFKA_SASL_USERNAME / KAFKA_SASL_PASSWORD, KAFKA_SSL=true and KAFKA_SSL_CA_PATH (a PEM file path).
 */
export function kafkaConfigFrom(env: StackEnv, clientId = 'test'): KafkaConfig {
  const config: KafkaConfig = {
    clientId,
    brokers: required(env, 'KAFKA_BROKERS').split(','),
    logLevel: LOG_LEVELS[env.KAFKAJS_LOG_LEVEL?.toUpperCase() ?? 'NOTHING'] ?? logLevel.NOTHING,
  };
  const mechanism = env.KAFKA_SASL_MECHANISM?.toLowerCase();
  if (mechanism === 'plain' || mechanism === 'scram-sha-256' || mechanism === 'scram-sha-512') {
    config.sasl = { mechanism, username: required(env, 'KAFKA_SASL_USERNAME'), password: required(env, 'KAFKA_SASL_PASSWORD') } as KafkaConfig['sasl'];
  }
  if (env.KAFKA_SSL === 'true' || env.KAFKA_SSL_CA_PATH) {
    config.ssl = env.KAFKA_SSL_CA_PATH ? { ca: [readFileSync(env.KAFKA_SSL_CA_PATH, 'utf8')] } : true;
  }
  return config;
}

/** The local stack's SASL_SSL listener (STACK_SECURITY=sasl_ssl) in the same CONTRACT §5 names. */
export function saslSslEnv(env: StackEnv = stackEnv()): StackEnv {
  return {
    ...env,
    KAFKA_BROKERS: required(env, 'STACK_SASL_SSL_BROKERS'),
    KAFKA_SASL_MECHANISM: required(env, 'STACK_SASL_MECHANISM'),
    KAFKA_SASL_USERNAME: required(env, 'STACK_SASL_USERNAME'),
    KAFKA_SASL_PASSWORD: required(env, 'STACK_SASL_PASSWORD'),
    KAFKA_SSL: 'true',
    KAFKA_SSL_CA_PATH: required(env, 'STACK_SSL_CA_PATH'),
  };
}

export function createKafka(clientId = 'test', env: StackEnv = stackEnv()): Kafka {
  return new Kafka(kafkaConfigFrom(env, clientId));
}

/**
 * A producer for writing fixtures: idempotent, one request in flight. A plain KafkaJS producer
 * retries a send whose reply was slow (a loaded CI machine) and can write a batch twice, which
 * breaks every test that counts what it wrote.
 */
export function createFixtureProducer(clientId = 'test', env: StackEnv = stackEnv()): Producer {
  return createKafka(clientId, env).producer({ idempotent: true, maxInFlightRequests: 1 });
}

/** A schema-registry client for SCHEMA_REGISTRY_URL (basic auth from SCHEMA_REGISTRY_USER/PASSWORD). */
export function createRegistry(env: StackEnv = stackEnv()): SchemaRegistry {
  const user = env.SCHEMA_REGISTRY_USER;
  const password = env.SCHEMA_REGISTRY_PASSWORD;
  return new SchemaRegistry({
    host: required(env, 'SCHEMA_REGISTRY_URL'),
    ...(user && password !== undefined ? { auth: { username: user, password } } : {}),
  });
}

/** fetch() on the registry's Confluent API (path like `/subjects`), with its auth. */
export function registryFetch(path: string, init: RequestInit = {}, env: StackEnv = stackEnv()): Promise<Response> {
  const headers = new Headers(init.headers);
  const user = env.SCHEMA_REGISTRY_USER;
  if (user && env.SCHEMA_REGISTRY_PASSWORD !== undefined) {
    headers.set('authorization', `Basic ${Buffer.from(`${user}:${env.SCHEMA_REGISTRY_PASSWORD}`).toString('base64')}`);
  }
  return fetch(`${required(env, 'SCHEMA_REGISTRY_URL')}${path}`, { ...init, headers });
}
