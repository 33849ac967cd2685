// docker-compose.yml cannot run here (no Docker engine): check its shape against CONTRACT §5 and
// against the local stack instead.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../../scripts/stack/paths.js';
import { ENV_VARIABLE_NAMES } from '../../src/config/envVariables.js';

/** CONTRACT §5's environment of the worker and tools (src/config's table of them). */
const CONTRACT_ENV = new Set<string>(ENV_VARIABLE_NAMES);

interface Service {
  image?: string;
  build?: unknown;
  ports?: string[];
  environment?: Record<string, string | number>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}
interface Compose {
  services: Record<string, Service>;
  'x-callback-enricher-env': Record<string, string>;
}

const compose = parse(readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as Compose;
const kafka = compose.services.kafka;
const registry = compose.services['schema-registry'];

function env(service: Service | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(service?.environment ?? {}).map(([key, value]) => [key, String(value)]));
}

describe('docker-compose.yml', () => {
  it('runs Kafka in KRaft mode (no ZooKeeper) with the local stack Kafka version', () => {
    expect(kafka?.image).toMatch(/^apache\/kafka:4\.1\.2$/);
    expect(compose.services.zookeeper).toBeUndefined();
    const settings = env(kafka);
    expect(settings.KAFKA_PROCESS_ROLES?.split(',').sort()).toEqual(['broker', 'controller']);
    expect(settings.KAFKA_CONTROLLER_QUORUM_VOTERS).toBe(`${settings.KAFKA_NODE_ID}@kafka:9093`);
    expect(settings.KAFKA_CONTROLLER_LISTENER_NAMES).toBe('CONTROLLER');
    expect(settings.CLUSTER_ID).toMatch(/^[A-Za-z0-9_-]{22}$/);
    for (const key of ['KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR', 'KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR', 'KAFKA_TRANSACTION_STATE_LOG_MIN_ISR']) {
      expect(settings[key], key).toBe('1');
    }
  });

  it('publishes the broker on localhost:9092 and the registry on localhost:8081', () => {
    expect(kafka?.ports).toContain('9092:9092');
    expect(env(kafka).KAFKA_ADVERTISED_LISTENERS).toContain('PLAINTEXT_HOST://localhost:9092');
    expect(registry?.image).toMatch(/^confluentinc\/cp-schema-registry:\d+\.\d+\.\d+$/);
    expect(registry?.ports).toContain('8081:8081');
    expect(env(registry).SCHEMA_REGISTRY_LISTENERS).toBe('http://0.0.0.0:8081');
  });

  it('points the registry at the broker listener containers use, and waits for the broker', () => {
    const advertised = env(kafka).KAFKA_ADVERTISED_LISTENERS?.split(',') ?? [];
    expect(advertised).toContain(env(registry).SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS);
    expect(registry?.depends_on?.kafka?.condition).toBe('service_healthy');
    expect(kafka?.healthcheck?.test.join(' ')).toContain('kafka:29092');
    expect(env(registry).SCHEMA_REGISTRY_SCHEMA_COMPATIBILITY_LEVEL).toBe('BACKWARD');
  });

  it('gives the worker CONTRACT §5 names, pointing at the two services', () => {
    const workerEnv = compose['x-callback-enricher-env'];
    for (const key of Object.keys(workerEnv)) expect(CONTRACT_ENV, key).toContain(key);
    expect(workerEnv.KAFKA_BROKERS).toBe('kafka:29092');
    expect(workerEnv.SCHEMA_REGISTRY_URL).toBe('http://schema-registry:8081');
  });

  it.runIf(compose.services.worker !== undefined)('runs the worker with CONTRACT §5 names only', () => {
    const worker = compose.services.worker;
    const settings = env(worker);
    for (const key of Object.keys(settings)) expect(CONTRACT_ENV, key).toContain(key);
    expect(settings.KAFKA_BROKERS).toBe('kafka:29092');
    expect(settings.SCHEMA_REGISTRY_URL).toBe('http://schema-registry:8081');
    expect(Object.keys(worker?.depends_on ?? {}).sort()).toEqual(['kafka', 'schema-registry', 'topics']);
  });
});
