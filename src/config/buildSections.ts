// One builder per section of the configuration: the validated variables of that section → its
// typed slice, with the checks across variables (SASL needs a user and password, ROUTES xor
// ROUTES_FILE, ...). Each reports into `problems` so one message can name every bad variable.
import { parseRoutes, type RouteRule } from '../pipeline/parseRoutes.js';
import type { ConfigSections, SectionName } from './config.js';
import type { ConfigProblem } from './configError.js';
import { splitRegistryUrl } from './configParts.js';
import type { EnvValues } from './envSchemas.js';
import { describeError } from '../errors.js';
import { nodeRunsPlatformatic, PLATFORMATIC_NODE_REQUIREMENT } from './platformaticNodeSupport.js';

/** The outside world the config touches; tests pass their own files and hostname. */
export interface ConfigIo {
  readFile(path: string): string;
  hostname(): string;
  /** process.versions.node: KAFKA_CLIENT=platformatic needs a newer Node than the project's minimum. */
  nodeVersion?(): string;
}

type Builder<S extends SectionName> = (v: EnvValues, io: ConfigIo, problems: ConfigProblem[]) => ConfigSections[S];

function readFileFor(variable: string, path: string, io: ConfigIo, problems: ConfigProblem[]): string | undefined {
  try {
    return io.readFile(path);
  } catch (error) {
    problems.push({ variable, message: `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? describeError(error)}` });
    return undefined;
  }
}

function readCa(v: EnvValues, io: ConfigIo, problems: ConfigProblem[]): string | undefined {
  if (v.KAFKA_SSL_CA_PATH === '') return undefined;
  if (!v.KAFKA_SSL) {
    problems.push({ variable: 'KAFKA_SSL_CA_PATH', message: 'set, but KAFKA_SSL is not true' });
    return undefined;
  }
  return readFileFor('KAFKA_SSL_CA_PATH', v.KAFKA_SSL_CA_PATH, io, problems);
}

/** KAFKA_CLIENT=platformatic on a Node that cannot run it: reported with the other bad values. */
export function checkNodeForClient(v: Partial<EnvValues>, io: ConfigIo, problems: ConfigProblem[]): void {
  const version = io.nodeVersion?.() ?? process.versions.node;
  if (v.KAFKA_CLIENT === 'platformatic' && !nodeRunsPlatformatic(version)) {
    problems.push({ variable: 'KAFKA_CLIENT', message: `platformatic needs ${PLATFORMATIC_NODE_REQUIREMENT}; this is Node.js ${version} (use KAFKA_CLIENT=kafkajs, or a newer Node)` });
  }
}

const buildKafka: Builder<'kafka'> = (v, io, problems) => {
  if (v.KAFKA_SASL_MECHANISM !== '') {
    if (v.KAFKA_SASL_USERNAME === '') problems.push({ variable: 'KAFKA_SASL_USERNAME', message: `required with KAFKA_SASL_MECHANISM=${v.KAFKA_SASL_MECHANISM}` });
    if (v.KAFKA_SASL_PASSWORD === '') problems.push({ variable: 'KAFKA_SASL_PASSWORD', message: `required with KAFKA_SASL_MECHANISM=${v.KAFKA_SASL_MECHANISM}` });
  } else if (v.KAFKA_SASL_USERNAME !== '' || v.KAFKA_SASL_PASSWORD !== '') {
    problems.push({ variable: 'KAFKA_SASL_MECHANISM', message: 'required when KAFKA_SASL_USERNAME or KAFKA_SASL_PASSWORD is set' });
  }
  const ca = readCa(v, io, problems);
  return {
    client: v.KAFKA_CLIENT,
    brokers: v.KAFKA_BROKERS,
    clientId: v.CLIENT_ID,
    ssl: v.KAFKA_SSL ? (ca === undefined ? {} : { ca }) : false,
    ...(v.KAFKA_SASL_MECHANISM !== ''
      ? { sasl: { mechanism: v.KAFKA_SASL_MECHANISM, username: v.KAFKA_SASL_USERNAME, password: v.KAFKA_SASL_PASSWORD } }
      : {}),
  };
};

const buildRegistry: Builder<'registry'> = (v, _io, problems) => {
  if ((v.SCHEMA_REGISTRY_USER === '') !== (v.SCHEMA_REGISTRY_PASSWORD === '')) {
    const missing = v.SCHEMA_REGISTRY_USER === '' ? 'SCHEMA_REGISTRY_USER' : 'SCHEMA_REGISTRY_PASSWORD';
    problems.push({ variable: missing, message: 'SCHEMA_REGISTRY_USER and SCHEMA_REGISTRY_PASSWORD go together' });
  }
  return splitRegistryUrl(v.SCHEMA_REGISTRY_URL, v.SCHEMA_REGISTRY_USER, v.SCHEMA_REGISTRY_PASSWORD, problems);
};

const TOPIC_VARIABLES = ['INPUT_TOPIC', 'OUTPUT_TOPIC', 'DLQ_TOPIC', 'CAMPAIGN_TOPIC'] as const;

const buildTopics: Builder<'topics'> = (v, _io, problems) => {
  TOPIC_VARIABLES.forEach((name, i) => {
    const clash = TOPIC_VARIABLES.slice(0, i).find((other) => v[other] === v[name]);
    if (clash) problems.push({ variable: name, message: `same topic as ${clash} (${v[name]})` });
  });
  return { input: v.INPUT_TOPIC, output: v.OUTPUT_TOPIC, dlq: v.DLQ_TOPIC, campaign: v.CAMPAIGN_TOPIC };
};

function readRoutes(v: EnvValues, io: ConfigIo, problems: ConfigProblem[]): RouteRule[] {
  if (v.ROUTES !== '' && v.ROUTES_FILE !== '') {
    problems.push({ variable: 'ROUTES_FILE', message: 'set together with ROUTES; use one of them' });
    return [];
  }
  const variable = v.ROUTES_FILE !== '' ? 'ROUTES_FILE' : 'ROUTES';
  const text = v.ROUTES_FILE !== '' ? readFileFor(variable, v.ROUTES_FILE, io, problems) : v.ROUTES;
  if (text === undefined || text.trim() === '') return [];
  const routes = parseRoutes(text);
  if (!routes.ok) {
    problems.push({ variable, message: `invalid route rules: ${routes.error}` });
    return [];
  }
  // A route to one of the worker's own topics would loop records or mix them into the DLQ (the
  // worker section is parsed with the topics section).
  const reserved = new Set(TOPIC_VARIABLES.map((name) => v[name]));
  for (const rule of routes.value) {
    if (reserved.has(rule.topic)) problems.push({ variable, message: `route topic ${rule.topic} is one of the worker's own topics` });
  }
  return routes.value;
}

const buildWorker: Builder<'worker'> = (v, io, problems) => ({
  groupId: v.GROUP_ID,
  processingGuarantee: v.PROCESSING_GUARANTEE,
  instanceId: v.INSTANCE_ID,
  routes: readRoutes(v, io, problems),
  http: { port: v.HTTP_PORT },
  readyStallMs: v.READY_STALL_MS,
  shutdownTimeoutMs: v.SHUTDOWN_TIMEOUT_MS,
  sessionTimeoutMs: v.KAFKA_SESSION_TIMEOUT_MS,
  fetchMaxBytesPerPartition: v.KAFKA_FETCH_MAX_BYTES_PER_PARTITION,
  pipelineThreads: v.PIPELINE_THREADS,
});

export const SECTION_BUILDERS: { [S in SectionName]: Builder<S> } = {
  kafka: buildKafka,
  registry: buildRegistry,
  topics: buildTopics,
  worker: buildWorker,
  enrich: (v) => ({ defaultPhoneRegion: v.DEFAULT_PHONE_REGION }),
  log: (v) => ({ logLevel: v.LOG_LEVEL }),
};
