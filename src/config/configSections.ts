// Which environment variables make up each section of the configuration. Every variable of
// ENV_VARIABLES belongs to exactly one section; the type below fails to compile otherwise, so a
// new variable (KAFKA_CLIENT goes under `kafka`) cannot be forgotten here.
import type { SectionName } from './config.js';
import type { EnvVariableName } from './envVariables.js';

export const CONFIG_SECTIONS = {
  kafka: ['KAFKA_BROKERS', 'KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD', 'KAFKA_SSL', 'KAFKA_SSL_CA_PATH', 'CLIENT_ID', 'KAFKA_CLIENT'],
  registry: ['SCHEMA_REGISTRY_URL', 'SCHEMA_REGISTRY_USER', 'SCHEMA_REGISTRY_PASSWORD'],
  topics: ['INPUT_TOPIC', 'OUTPUT_TOPIC', 'DLQ_TOPIC', 'CAMPAIGN_TOPIC'],
  worker: [
    'GROUP_ID', 'PROCESSING_GUARANTEE', 'INSTANCE_ID', 'ROUTES', 'ROUTES_FILE', 'HTTP_PORT', 'READY_STALL_MS',
    'SHUTDOWN_TIMEOUT_MS', 'KAFKA_SESSION_TIMEOUT_MS', 'KAFKA_FETCH_MAX_BYTES_PER_PARTITION',
    'PIPELINE_THREADS',
  ],
  enrich: ['DEFAULT_PHONE_REGION'],
  log: ['LOG_LEVEL'],
} as const satisfies Record<SectionName, readonly EnvVariableName[]>;

export const SECTION_NAMES = Object.keys(CONFIG_SECTIONS) as SectionName[];

type Unsectioned = Exclude<EnvVariableName, (typeof CONFIG_SECTIONS)[SectionName][number]>;
// A compile error names the variable that has no section.
export const EVERY_VARIABLE_HAS_A_SECTION: [Unsectioned] extends [never] ? true : Unsectioned = true;

export function sectionOf(name: EnvVariableName): SectionName {
  return SECTION_NAMES.find((section) => (CONFIG_SECTIONS[section] as readonly string[]).includes(name)) as SectionName;
}
