// process.env → a validated, frozen Config. The only reader of the environment (main passes
// env in), and the one place in the shell that reads ROUTES_FILE and the CA file, so a missing
// file stops start-up with a message naming its variable.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { parseRoutes, type RouteRule } from '../pipeline/parseRoutes.js';
import type { Config } from './config.js';
import { ConfigError, type ConfigProblem } from './configError.js';
import { ENV_SCHEMAS, type EnvValues } from './envSchemas.js';
import { ENV_VARIABLES, ENV_VARIABLE_NAMES, type EnvVariableName } from './envVariables.js';
import { deepFreeze, splitRegistryUrl } from './configParts.js';
import { hideSecretsWhenPrinted } from './redactConfig.js';
import { describeError } from '../errors.js';
import { nodeRunsPlatformatic, PLATFORMATIC_NODE_REQUIREMENT } from '../kafka/platformaticNodeSupport.js';

/** The outside world parseConfig touches; tests pass their own hostname. */
export interface ConfigIo {
  readFile(path: string): string;
  hostname(): string;
  /** process.versions.node: KAFKA_CLIENT=platformatic needs a newer Node than the project's minimum. */
  nodeVersion?(): string;
}

const NODE_IO: ConfigIo = { readFile: (path) => readFileSync(path, 'utf8'), hostname, nodeVersion: () => process.versions.node };

function checkNodeForClient(v: EnvValues, io: ConfigIo, problems: ConfigProblem[]): void {
  const version = (io.nodeVersion ?? NODE_IO.nodeVersion!)();
  if (v.KAFKA_CLIENT === 'platformatic' && !nodeRunsPlatformatic(version)) {
    problems.push({ variable: 'KAFKA_CLIENT', message: `platformatic needs ${PLATFORMATIC_NODE_REQUIREMENT}; this is Node.js ${version} (use KAFKA_CLIENT=kafkajs, or a newer Node)` });
  }
}

function quote(name: EnvVariableName, raw: string): string {
  if (ENV_VARIABLES[name].secret) return ''; // a secret's value never reaches a message
  return ` (got ${JSON.stringify(raw.length > 100 ? `${raw.slice(0, 100)}…` : raw)})`;
}

function readEnvValues(env: Record<string, string | undefined>, io: ConfigIo, problems: ConfigProblem[]): EnvValues {
  const values: Partial<Record<EnvVariableName, unknown>> = {};
  for (const name of ENV_VARIABLE_NAMES) {
    const secret = ENV_VARIABLES[name].secret;
    const given = secret ? env[name] : env[name]?.trim();
    const fallback = name === 'INSTANCE_ID' ? io.hostname() : ENV_VARIABLES[name].default;
    const raw = given === undefined || given === '' ? fallback : given;
    if (raw === undefined) {
      problems.push({ variable: name, message: 'required, not set' });
      continue;
    }
    const parsed = ENV_SCHEMAS[name].safeParse(raw);
    if (parsed.success) values[name] = parsed.data;
    else problems.push({ variable: name, message: `${parsed.error.issues[0]?.message ?? 'invalid'}${quote(name, raw)}` });
  }
  return values as EnvValues;
}

function readRoutes(v: EnvValues, io: ConfigIo, problems: ConfigProblem[]): RouteRule[] {
  if (v.ROUTES !== '' && v.ROUTES_FILE !== '') {
    problems.push({ variable: 'ROUTES_FILE', message: 'set together with ROUTES; use one of them' });
    return [];
  }
  const variable = v.ROUTES_FILE !== '' ? 'ROUTES_FILE' : 'ROUTES';
  let text = v.ROUTES;
  if (v.ROUTES_FILE !== '') {
    try {
      text = io.readFile(v.ROUTES_FILE);
    } catch (error) {
      problems.push({ variable, message: `cannot read ${v.ROUTES_FILE}: ${(error as NodeJS.ErrnoException).code ?? describeError(error)}` });
      return [];
    }
  }
  if (text.trim() === '') return [];
  const routes = parseRoutes(text);
  if (!routes.ok) {
    problems.push({ variable, message: `invalid route rules: ${routes.error}` });
    return [];
  }
  // A route to one of the worker's own topics would loop records or mix them into the DLQ.
  const reserved = new Set([v.INPUT_TOPIC, v.OUTPUT_TOPIC, v.DLQ_TOPIC, v.CAMPAIGN_TOPIC]);
  for (const rule of routes.value) {
    if (reserved.has(rule.topic)) problems.push({ variable, message: `route topic ${rule.topic} is one of the worker's own topics` });
  }
  return routes.value;
}

function checkPairs(v: EnvValues, problems: ConfigProblem[]): void {
  if (v.KAFKA_SASL_MECHANISM !== '') {
    if (v.KAFKA_SASL_USERNAME === '') problems.push({ variable: 'KAFKA_SASL_USERNAME', message: `required with KAFKA_SASL_MECHANISM=${v.KAFKA_SASL_MECHANISM}` });
    if (v.KAFKA_SASL_PASSWORD === '') problems.push({ variable: 'KAFKA_SASL_PASSWORD', message: `required with KAFKA_SASL_MECHANISM=${v.KAFKA_SASL_MECHANISM}` });
  } else if (v.KAFKA_SASL_USERNAME !== '' || v.KAFKA_SASL_PASSWORD !== '') {
    problems.push({ variable: 'KAFKA_SASL_MECHANISM', message: 'required when KAFKA_SASL_USERNAME or KAFKA_SASL_PASSWORD is set' });
  }
  if ((v.SCHEMA_REGISTRY_USER === '') !== (v.SCHEMA_REGISTRY_PASSWORD === '')) {
    const missing = v.SCHEMA_REGISTRY_USER === '' ? 'SCHEMA_REGISTRY_USER' : 'SCHEMA_REGISTRY_PASSWORD';
    problems.push({ variable: missing, message: 'SCHEMA_REGISTRY_USER and SCHEMA_REGISTRY_PASSWORD go together' });
  }
  const topics = ['INPUT_TOPIC', 'OUTPUT_TOPIC', 'DLQ_TOPIC', 'CAMPAIGN_TOPIC'] as const;
  topics.forEach((name, i) => {
    const clash = topics.slice(0, i).find((other) => v[other] === v[name]);
    if (clash) problems.push({ variable: name, message: `same topic as ${clash} (${v[name]})` });
  });
}

function readCa(v: EnvValues, io: ConfigIo, problems: ConfigProblem[]): string | undefined {
  if (v.KAFKA_SSL_CA_PATH === '') return undefined;
  if (!v.KAFKA_SSL) {
    problems.push({ variable: 'KAFKA_SSL_CA_PATH', message: 'set, but KAFKA_SSL is not true' });
    return undefined;
  }
  try {
    return io.readFile(v.KAFKA_SSL_CA_PATH);
  } catch (error) {
    problems.push({ variable: 'KAFKA_SSL_CA_PATH', message: `cannot read ${v.KAFKA_SSL_CA_PATH}: ${(error as NodeJS.ErrnoException).code ?? describeError(error)}` });
    return undefined;
  }
}

/** Throws ConfigError naming every bad variable. */
export function parseConfig(env: Record<string, string | undefined>, io: ConfigIo = NODE_IO): Config {
  const problems: ConfigProblem[] = [];
  const v = readEnvValues(env, io, problems);
  checkNodeForClient(v, io, problems); // in the same message as the other bad variables
  if (problems.length > 0) throw new ConfigError(problems); // later checks need every value
  checkPairs(v, problems);
  const registry = splitRegistryUrl(v.SCHEMA_REGISTRY_URL, v.SCHEMA_REGISTRY_USER, v.SCHEMA_REGISTRY_PASSWORD, problems);
  const ca = readCa(v, io, problems);
  const routes = readRoutes(v, io, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(hideSecretsWhenPrinted({
    kafka: {
      client: v.KAFKA_CLIENT,
      brokers: v.KAFKA_BROKERS,
      clientId: v.CLIENT_ID,
      ssl: v.KAFKA_SSL ? (ca === undefined ? {} : { ca }) : false,
      ...(v.KAFKA_SASL_MECHANISM !== ''
        ? { sasl: { mechanism: v.KAFKA_SASL_MECHANISM, username: v.KAFKA_SASL_USERNAME, password: v.KAFKA_SASL_PASSWORD } }
        : {}),
    },
    registry,
    topics: { input: v.INPUT_TOPIC, output: v.OUTPUT_TOPIC, dlq: v.DLQ_TOPIC, campaign: v.CAMPAIGN_TOPIC },
    groupId: v.GROUP_ID,
    processingGuarantee: v.PROCESSING_GUARANTEE,
    instanceId: v.INSTANCE_ID,
    defaultPhoneRegion: v.DEFAULT_PHONE_REGION,
    routes,
    http: { port: v.HTTP_PORT },
    logLevel: v.LOG_LEVEL,
    readyStallMs: v.READY_STALL_MS,
    shutdownTimeoutMs: v.SHUTDOWN_TIMEOUT_MS,
    sessionTimeoutMs: v.KAFKA_SESSION_TIMEOUT_MS,
  }));
}
