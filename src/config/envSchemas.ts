// One zod schema per variable: text from the environment → a typed value. Cross-variable rules
// (SASL needs a user and password, ROUTES xor ROUTES_FILE, ...) live in parseConfig.
import { isSupportedCountry, type CountryCode } from 'libphonenumber-js';
import { z } from 'zod';
import { KAFKA_CLIENTS, LOG_LEVELS, PROCESSING_GUARANTEES, SASL_MECHANISMS } from './config.js';
import type { EnvVariableName } from './envVariables.js';

const TOPIC = z.string().regex(/^[a-zA-Z0-9._-]{1,249}$/, 'must be a Kafka topic name ([a-zA-Z0-9._-], 1–249 chars)');
const TEXT = z.string();
const BROKER = /^[^\s:,]+:\d{1,5}$/;

function integer(min: number, max: number) {
  return z.string().regex(/^\d+$/, `must be a whole number ${min}–${max}`).transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));
}

function oneOf<T extends readonly [string, ...string[]]>(values: T) {
  return z.string().transform((s) => s.toLowerCase()).pipe(z.enum(values, { error: `must be one of ${values.join(' | ')}` }));
}

export const ENV_SCHEMAS = {
  KAFKA_BROKERS: z.string().transform((s) => s.split(',').map((b) => b.trim()).filter((b) => b !== ''))
    .refine((list) => list.length > 0 && list.every((b) => BROKER.test(b)), 'must be a comma-separated list of host:port'),
  SCHEMA_REGISTRY_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }),
  SCHEMA_REGISTRY_USER: TEXT,
  SCHEMA_REGISTRY_PASSWORD: TEXT,
  KAFKA_SASL_MECHANISM: z.union([z.literal(''), oneOf(SASL_MECHANISMS)], { error: `must be one of ${SASL_MECHANISMS.join(' | ')}` }),
  KAFKA_SASL_USERNAME: TEXT,
  KAFKA_SASL_PASSWORD: TEXT,
  KAFKA_SSL: z.string().transform((s) => s.toLowerCase()).pipe(z.enum(['true', 'false'], { error: 'must be true or false' }))
    .transform((s) => s === 'true'),
  KAFKA_SSL_CA_PATH: TEXT,
  INPUT_TOPIC: TOPIC,
  OUTPUT_TOPIC: TOPIC,
  DLQ_TOPIC: TOPIC,
  CAMPAIGN_TOPIC: TOPIC,
  GROUP_ID: z.string().min(1, 'must not be empty'),
  PROCESSING_GUARANTEE: oneOf(PROCESSING_GUARANTEES),
  DEFAULT_PHONE_REGION: z.string().transform((s) => s.toUpperCase())
    .refine((s): s is CountryCode => isSupportedCountry(s), 'must be a region libphonenumber knows (ISO 3166 alpha-2, e.g. US, DE)')
    .transform((s) => s as CountryCode),
  HTTP_PORT: integer(0, 65535),
  LOG_LEVEL: oneOf(LOG_LEVELS),
  // Part of the transactional id: keep to characters every broker and log handles plainly.
  INSTANCE_ID: z.string().regex(/^[a-zA-Z0-9._-]{1,200}$/, 'must be 1–200 characters of [a-zA-Z0-9._-]'),
  ROUTES: TEXT,
  ROUTES_FILE: TEXT,
  READY_STALL_MS: integer(1000, 86_400_000),
  SHUTDOWN_TIMEOUT_MS: integer(1000, 3_600_000),
  KAFKA_FETCH_MAX_BYTES_PER_PARTITION: integer(1024, 64 * 1024 * 1024),
  PIPELINE_THREADS: integer(0, 64),
  KAFKA_SESSION_TIMEOUT_MS: integer(6000, 300_000),
  CLIENT_ID: z.string().min(1, 'must not be empty'),
  KAFKA_CLIENT: oneOf(KAFKA_CLIENTS),
} as const satisfies Record<EnvVariableName, z.ZodType>;

export type EnvValues = { [K in EnvVariableName]: z.output<(typeof ENV_SCHEMAS)[K]> };
