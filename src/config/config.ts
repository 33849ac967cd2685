// The worker's configuration after validation: frozen, and sliced so each factory receives only
// its part (createConsumer gets `kafka`, the registry client gets `registry`, ...).
import type { CountryCode } from 'libphonenumber-js';
import type { RouteRule } from '../pipeline/parseRoutes.js';

export const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
export const PROCESSING_GUARANTEES = ['at_least_once', 'exactly_once'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const KAFKA_CLIENTS = ['kafkajs', 'platformatic'] as const;

export type SaslMechanism = (typeof SASL_MECHANISMS)[number];
export type ProcessingGuarantee = (typeof PROCESSING_GUARANTEES)[number];
export type LogLevel = (typeof LOG_LEVELS)[number];
export type KafkaClientName = (typeof KAFKA_CLIENTS)[number];

export interface BasicAuth {
  username: string;
  password: string;
}

export interface KafkaConfig {
  /** Which client library src/kafka/ builds the StreamClient on. */
  client: KafkaClientName;
  brokers: string[];
  clientId: string;
  /** false = plaintext; `ca` = the PEM text of KAFKA_SSL_CA_PATH (absent: the system's CAs). */
  ssl: false | { ca?: string };
  sasl?: { mechanism: SaslMechanism; username: string; password: string };
}

export interface RegistryConfig {
  /** Base URL without credentials (credentials in the URL move to `auth`). */
  url: string;
  auth?: BasicAuth;
}

export interface TopicsConfig {
  input: string;
  output: string;
  dlq: string;
  campaign: string;
}

export interface Config {
  kafka: KafkaConfig;
  registry: RegistryConfig;
  topics: TopicsConfig;
  groupId: string;
  processingGuarantee: ProcessingGuarantee;
  /** Stable per instance: the `dlq.worker` header and the transactional id. */
  instanceId: string;
  defaultPhoneRegion: CountryCode;
  routes: RouteRule[];
  http: { port: number };
  logLevel: LogLevel;
  readyStallMs: number;
  shutdownTimeoutMs: number;
  /** Consumer-group session timeout (the broker's group.min/max.session.timeout.ms bound it). */
  sessionTimeoutMs: number;
  /** Most bytes a fetch brings per partition: bounds the fetched data held in memory. */
  fetchMaxBytesPerPartition: number;
  /** Worker threads running the pure pipeline; 0 = on the main thread. */
  pipelineThreads: number;
}

/** The worker's own settings: the consumer group, guarantees, routes, HTTP and timing. */
export type WorkerSettings = Pick<Config,
  'groupId' | 'processingGuarantee' | 'instanceId' | 'routes' | 'http' | 'readyStallMs' | 'shutdownTimeoutMs' | 'sessionTimeoutMs' | 'fetchMaxBytesPerPartition' | 'pipelineThreads'>;

/**
 * The configuration by section: a command parses only the sections it uses (parseConfigSections),
 * so `schema check` needs no broker and `transform` needs neither Kafka nor the registry.
 */
export interface ConfigSections {
  kafka: KafkaConfig;
  registry: RegistryConfig;
  topics: TopicsConfig;
  worker: WorkerSettings;
  enrich: Pick<Config, 'defaultPhoneRegion'>;
  log: Pick<Config, 'logLevel'>;
}

export type SectionName = keyof ConfigSections;
