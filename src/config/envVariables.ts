// Every environment variable the worker and the tools read, with its default, in one table:
// `worker --help`, the table of docs/configuration.md and parseConfig's defaults come from here.

export interface EnvVariable {
  /** undefined = required (no default); '' = optional, unset by default. */
  default: string | undefined;
  description: string;
  /** Never printed, logged or echoed in an error message. */
  secret: boolean;
}

export const ENV_VARIABLES = {
  KAFKA_BROKERS: { default: undefined, secret: false, description: 'Comma-separated bootstrap brokers, host:port,host:port' },
  SCHEMA_REGISTRY_URL: { default: undefined, secret: false, description: 'Confluent-compatible registry base URL (Apicurio: http://host:port/apis/ccompat/v7)' },
  SCHEMA_REGISTRY_USER: { default: '', secret: false, description: 'Registry basic-auth user (with SCHEMA_REGISTRY_PASSWORD)' },
  SCHEMA_REGISTRY_PASSWORD: { default: '', secret: true, description: 'Registry basic-auth password' },
  KAFKA_SASL_MECHANISM: { default: '', secret: false, description: 'plain | scram-sha-256 | scram-sha-512; unset = no SASL' },
  KAFKA_SASL_USERNAME: { default: '', secret: false, description: 'SASL user (required with KAFKA_SASL_MECHANISM)' },
  KAFKA_SASL_PASSWORD: { default: '', secret: true, description: 'SASL password (required with KAFKA_SASL_MECHANISM)' },
  KAFKA_SSL: { default: 'false', secret: false, description: 'true = TLS to the brokers' },
  KAFKA_SSL_CA_PATH: { default: '', secret: false, description: 'PEM file of the CA that signed the brokers\' certificates (needs KAFKA_SSL=true); unset = system CAs' },
  INPUT_TOPIC: { default: 'callbacks.raw', secret: false, description: 'Topic of Avro ConversationNotificationCallback records' },
  OUTPUT_TOPIC: { default: 'callbacks.enriched', secret: false, description: 'Topic of every enriched record; schema under <OUTPUT_TOPIC>-value' },
  DLQ_TOPIC: { default: 'callbacks.dlq', secret: false, description: 'Dead-letter topic (input key, value and headers plus dlq.* headers)' },
  CAMPAIGN_TOPIC: { default: 'callbacks.campaigns', secret: false, description: 'Compacted topic of CampaignReference records, key = campaign id' },
  GROUP_ID: { default: 'callback-enricher', secret: false, description: 'Consumer group of the workers' },
  PROCESSING_GUARANTEE: { default: 'at_least_once', secret: false, description: 'at_least_once | exactly_once (transactions)' },
  DEFAULT_PHONE_REGION: { default: 'US', secret: false, description: 'Region (ISO 3166 alpha-2) of callback numbers without a country code' },
  HTTP_PORT: { default: '8080', secret: false, description: 'Port of /healthz, /readyz and /metrics (0 = any free port)' },
  LOG_LEVEL: { default: 'info', secret: false, description: 'fatal | error | warn | info | debug | trace | silent' },
  INSTANCE_ID: { default: '<hostname>', secret: false, description: 'Stable id of this worker instance: dlq.worker header and transactional id; keep it across restarts' },
  ROUTES: { default: '', secret: false, description: 'Route rules as inline JSON (see Routes); not together with ROUTES_FILE' },
  ROUTES_FILE: { default: '', secret: false, description: 'Path of a JSON file of route rules; not together with ROUTES' },
  READY_STALL_MS: { default: '60000', secret: false, description: '/readyz turns unready when lag stays above 0 with no progress for this long' },
  KAFKA_SESSION_TIMEOUT_MS: { default: '30000', secret: false, description: 'Consumer-group session timeout: how soon a crashed worker\'s partitions move to the others (6000–300000)' },
  KAFKA_FETCH_MAX_BYTES_PER_PARTITION: { default: '1048576', secret: false, description: 'Most bytes one fetch brings per partition (a record larger than this still comes whole): with the batches in flight, it bounds the fetched data the worker holds' },
  PIPELINE_THREADS: { default: '0', secret: false, description: 'at_least_once: worker threads that run decode → enrich → encode while the main thread runs the Kafka client (0 = all on the main thread; ignored under exactly_once); a partition belongs to one thread (docs/operating.md)' },
  SHUTDOWN_TIMEOUT_MS: { default: '30000', secret: false, description: 'Longest a graceful shutdown (SIGTERM/SIGINT) may take before the process exits' },
  CLIENT_ID: { default: 'callback-enricher', secret: false, description: 'Kafka client id (broker logs and quotas)' },
  KAFKA_CLIENT: { default: 'kafkajs', secret: false, description: 'kafkajs | platformatic (@platformatic/kafka: KIP-447 exactly-once; needs Node.js >= 22.22 or >= 24.6)' },
} as const satisfies Record<string, EnvVariable>;

export type EnvVariableName = keyof typeof ENV_VARIABLES;

export const ENV_VARIABLE_NAMES = Object.keys(ENV_VARIABLES) as EnvVariableName[];

export const SECRET_ENV_VARIABLES: readonly EnvVariableName[] = ENV_VARIABLE_NAMES.filter((name) => ENV_VARIABLES[name].secret);
