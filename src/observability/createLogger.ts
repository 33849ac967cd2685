// JSON logs with pino. Passwords are censored by path wherever they appear in a logged object
// (a config, an error's options, a client's settings) up to four levels deep.
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/config.js';

const SECRET_KEYS = ['password', 'KAFKA_SASL_PASSWORD', 'SCHEMA_REGISTRY_PASSWORD', 'authorization', 'Authorization'] as const;

export const REDACT_PATHS: readonly string[] = SECRET_KEYS.flatMap((key) => [
  key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`,
]);

export interface LoggerOptions {
  level: LogLevel;
  /** Where lines go; stdout when absent (tests pass a stream). */
  destination?: DestinationStream;
  /** Fixed fields on every line, e.g. { instanceId }. */
  base?: Record<string, unknown>;
}

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: options.base ?? null,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
    },
    // Synchronous: the last lines before a crash or exit are not lost in a buffer.
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}
