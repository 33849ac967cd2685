import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config/configError.js';
import { ENV_VARIABLE_NAMES, ENV_VARIABLES } from '../../../src/config/envVariables.js';
import { formatEnvHelp, formatEnvMarkdown } from '../../../src/config/formatEnvTable.js';
import { parseConfig, type ConfigIo } from '../../../src/config/parseConfig.js';
import { redactConfig } from '../../../src/config/redactConfig.js';

const MINIMAL = { KAFKA_BROKERS: 'k1:9092', SCHEMA_REGISTRY_URL: 'http://registry:8080/apis/ccompat/v7' };

function io(files: Record<string, string> = {}): ConfigIo {
  return {
    hostname: () => 'host-a',
    readFile: (path) => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return text;
    },
  };
}

function problemsOf(env: Record<string, string>, files: Record<string, string> = {}): Record<string, string> {
  try {
    parseConfig(env, io(files));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return Object.fromEntries(error.problems.map((p) => [p.variable, p.message]));
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('fills every default from ENV_VARIABLES and slices the result', () => {
    const config = parseConfig(MINIMAL, io());
    expect(config).toEqual({
      kafka: { client: 'kafkajs', brokers: ['k1:9092'], clientId: 'callback-enricher', ssl: false },
      registry: { url: 'http://registry:8080/apis/ccompat/v7' },
      topics: { input: 'callbacks.raw', output: 'callbacks.enriched', dlq: 'callbacks.dlq', campaign: 'callbacks.campaigns' },
      groupId: 'callback-enricher',
      processingGuarantee: 'at_least_once',
      instanceId: 'host-a',
      defaultPhoneRegion: 'US',
      routes: [],
      http: { port: 8080 },
      logLevel: 'info',
      readyStallMs: 60_000,
      shutdownTimeoutMs: 30_000,
      sessionTimeoutMs: 30_000,
      fetchMaxBytesPerPartition: 1_048_576,
      pipelineThreads: 0,
    });
    expect(Object.isFrozen(config.kafka.brokers)).toBe(true);
  });

  it('reads every variable when set', () => {
    const config = parseConfig({
      ...MINIMAL, KAFKA_BROKERS: 'a:1, b:2', SCHEMA_REGISTRY_USER: 'sr', SCHEMA_REGISTRY_PASSWORD: 'srpw',
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p', KAFKA_SSL: 'true', KAFKA_SSL_CA_PATH: '/ca.pem',
      INPUT_TOPIC: 'in', OUTPUT_TOPIC: 'out', DLQ_TOPIC: 'dlq', CAMPAIGN_TOPIC: 'camp', GROUP_ID: 'g', PROCESSING_GUARANTEE: 'exactly_once',
      DEFAULT_PHONE_REGION: 'de', HTTP_PORT: '0', LOG_LEVEL: 'debug', INSTANCE_ID: 'pod-3', ROUTES_FILE: '/routes.json',
      READY_STALL_MS: '5000', SHUTDOWN_TIMEOUT_MS: '2000', CLIENT_ID: 'ce', KAFKA_CLIENT: 'Platformatic',
      KAFKA_FETCH_MAX_BYTES_PER_PARTITION: '262144', PIPELINE_THREADS: '2',
    }, { ...io({ '/ca.pem': 'PEM', '/routes.json': '[{"topic":"spam","when":{"outcome":["SPAM"]}}]' }), nodeVersion: () => '22.22.0' });
    expect(config.kafka).toEqual({ client: 'platformatic', brokers: ['a:1', 'b:2'], clientId: 'ce', ssl: { ca: 'PEM' }, sasl: { mechanism: 'scram-sha-512', username: 'u', password: 'p' } });
    expect(config.registry.auth).toEqual({ username: 'sr', password: 'srpw' });
    expect(config.topics).toEqual({ input: 'in', output: 'out', dlq: 'dlq', campaign: 'camp' });
    expect(config).toMatchObject({ groupId: 'g', processingGuarantee: 'exactly_once', defaultPhoneRegion: 'DE', http: { port: 0 }, logLevel: 'debug',
      instanceId: 'pod-3', readyStallMs: 5000, shutdownTimeoutMs: 2000, fetchMaxBytesPerPartition: 262_144, pipelineThreads: 2, routes: [{ topic: 'spam', when: { outcome: ['SPAM'] } }] });
  });

  it('names every bad variable in one error', () => {
    const problems = problemsOf({ HTTP_PORT: '80a', PROCESSING_GUARANTEE: 'once', DEFAULT_PHONE_REGION: 'XX', KAFKA_SSL: 'yes', INPUT_TOPIC: 'a b' });
    expect(Object.keys(problems).sort()).toEqual(['DEFAULT_PHONE_REGION', 'HTTP_PORT', 'INPUT_TOPIC', 'KAFKA_BROKERS', 'KAFKA_SSL', 'PROCESSING_GUARANTEE', 'SCHEMA_REGISTRY_URL']);
    expect(problems.KAFKA_BROKERS).toBe('required, not set');
    expect(problems.HTTP_PORT).toContain('(got "80a")');
  });

  it.each([
    [{ KAFKA_BROKERS: 'nohostport' }, 'KAFKA_BROKERS'],
    [{ SCHEMA_REGISTRY_URL: 'ftp://x' }, 'SCHEMA_REGISTRY_URL'],
    [{ HTTP_PORT: '70000' }, 'HTTP_PORT'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL'],
    [{ INSTANCE_ID: 'has/slash' }, 'INSTANCE_ID'],
    [{ READY_STALL_MS: '10' }, 'READY_STALL_MS'],
    [{ KAFKA_FETCH_MAX_BYTES_PER_PARTITION: '512' }, 'KAFKA_FETCH_MAX_BYTES_PER_PARTITION'],
    [{ KAFKA_SASL_MECHANISM: 'gssapi' }, 'KAFKA_SASL_MECHANISM'],
    [{ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u' }, 'KAFKA_SASL_PASSWORD'],
    [{ KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }, 'KAFKA_SASL_MECHANISM'],
    [{ SCHEMA_REGISTRY_USER: 'u' }, 'SCHEMA_REGISTRY_PASSWORD'],
    [{ KAFKA_SSL_CA_PATH: '/ca.pem' }, 'KAFKA_SSL_CA_PATH'],
    [{ KAFKA_SSL: 'true', KAFKA_SSL_CA_PATH: '/missing.pem' }, 'KAFKA_SSL_CA_PATH'],
    [{ OUTPUT_TOPIC: 'callbacks.raw' }, 'OUTPUT_TOPIC'],
    [{ ROUTES: '[{"topic":"x","when":{"outcome":["NOPE"]}}]' }, 'ROUTES'],
    [{ ROUTES: '[{"topic":"callbacks.dlq","when":{}}]' }, 'ROUTES'],
    [{ ROUTES: '[]', ROUTES_FILE: '/r.json' }, 'ROUTES_FILE'],
    [{ ROUTES_FILE: '/missing.json' }, 'ROUTES_FILE'],
    [{ SCHEMA_REGISTRY_URL: 'http://u:p@r:1', SCHEMA_REGISTRY_USER: 'v', SCHEMA_REGISTRY_PASSWORD: 'w' }, 'SCHEMA_REGISTRY_URL'],
  ])('rejects %o naming %s', (env, variable) => {
    expect(Object.keys(problemsOf({ ...MINIMAL, ...env }, { '/ca.pem': 'PEM' }))).toContain(variable);
  });

  it('stops KAFKA_CLIENT=platformatic on a Node that cannot run it, naming the Node version needed, in the same one message', () => {
    const onNode = (version: string, env: Record<string, string>) => {
      try {
        parseConfig({ ...MINIMAL, ...env }, { ...io(), nodeVersion: () => version });
        return 'accepted';
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        return error.message;
      }
    };
    const message = onNode('20.20.2', { KAFKA_CLIENT: 'platformatic', HTTP_PORT: 'x' });
    expect(message).toContain('KAFKA_CLIENT');
    expect(message).toContain('Node.js >= 22.22');
    expect(message).toContain('20.20.2');
    expect(message).toContain('HTTP_PORT');
    expect(onNode('20.20.2', { KAFKA_CLIENT: 'kafkajs' })).toBe('accepted');
    expect(onNode('24.6.0', { KAFKA_CLIENT: 'platformatic' })).toBe('accepted');
    expect(onNode('22.22.0', { KAFKA_CLIENT: 'rdkafka' })).toContain('must be one of kafkajs | platformatic');
  });

  it('treats an empty value as unset', () => {
    expect(parseConfig({ ...MINIMAL, HTTP_PORT: '', LOG_LEVEL: '  ' }, io())).toMatchObject({ http: { port: 8080 }, logLevel: 'info' });
  });

  it('moves registry credentials out of the URL', () => {
    const config = parseConfig({ ...MINIMAL, SCHEMA_REGISTRY_URL: 'https://us%40r:p%3Ass@reg.example/apis/ccompat/v7/' }, io());
    expect(config.registry).toEqual({ url: 'https://reg.example/apis/ccompat/v7', auth: { username: 'us@r', password: 'p:ss' } });
  });
});

describe('secrets', () => {
  const env = { ...MINIMAL, SCHEMA_REGISTRY_USER: 'sr', SCHEMA_REGISTRY_PASSWORD: 'sr-secret-1', KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'kafka-secret-2' };

  it('never appear when the config is printed, stringified or redacted', () => {
    const config = parseConfig(env, io());
    for (const text of [JSON.stringify(config), inspect(config, { depth: 10 }), JSON.stringify(redactConfig(config)), String(config)]) {
      expect(text).not.toContain('sr-secret-1');
      expect(text).not.toContain('kafka-secret-2');
    }
    expect(config.kafka.sasl?.password).toBe('kafka-secret-2'); // still usable by the client
  });

  it('never appear in a ConfigError', () => {
    const badValue = problemsOf({ ...env, KAFKA_SASL_MECHANISM: 'bogus', KAFKA_SASL_PASSWORD: 'bogus-secret-3' });
    const badPair = problemsOf({ ...env, SCHEMA_REGISTRY_USER: '' });
    expect(badValue.KAFKA_SASL_MECHANISM).toContain('(got "bogus")');
    expect(badPair.SCHEMA_REGISTRY_USER).toContain('go together');
    expect(JSON.stringify([badValue, badPair])).not.toMatch(/secret/);
  });
});

describe('the env table', () => {
  it('lists every variable of CONTRACT §5 plus the worker extras, with defaults', () => {
    for (const name of ['KAFKA_BROKERS', 'SCHEMA_REGISTRY_URL', 'SCHEMA_REGISTRY_USER', 'SCHEMA_REGISTRY_PASSWORD', 'KAFKA_SASL_MECHANISM',
      'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD', 'KAFKA_SSL', 'KAFKA_SSL_CA_PATH', 'INPUT_TOPIC', 'OUTPUT_TOPIC', 'DLQ_TOPIC', 'CAMPAIGN_TOPIC',
      'GROUP_ID', 'PROCESSING_GUARANTEE', 'DEFAULT_PHONE_REGION', 'HTTP_PORT', 'LOG_LEVEL', 'INSTANCE_ID', 'ROUTES', 'ROUTES_FILE',
      'READY_STALL_MS', 'SHUTDOWN_TIMEOUT_MS', 'CLIENT_ID']) {
      expect(ENV_VARIABLE_NAMES).toContain(name);
    }
    const help = formatEnvHelp();
    const markdown = formatEnvMarkdown();
    for (const name of ENV_VARIABLE_NAMES) {
      expect(help).toContain(name);
      expect(markdown).toContain(`\`${name}\``);
    }
    expect(help).toMatch(/INPUT_TOPIC\s+.*default: callbacks\.raw/);
    expect(ENV_VARIABLES.KAFKA_SASL_PASSWORD.secret).toBe(true);
  });
});
