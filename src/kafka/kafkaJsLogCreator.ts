// Routes KafkaJS's own log lines into the worker's pino logger, so operators get one JSON stream.
import { logLevel as KafkaJsLogLevel, type logCreator } from 'kafkajs';
import type { Logger } from 'pino';

const TO_PINO = {
  [KafkaJsLogLevel.NOTHING]: 'silent',
  [KafkaJsLogLevel.ERROR]: 'error',
  [KafkaJsLogLevel.WARN]: 'warn',
  [KafkaJsLogLevel.INFO]: 'info',
  [KafkaJsLogLevel.DEBUG]: 'debug',
} as const;

// Fields KafkaJS may attach that could carry credentials; never passed on, even at debug.
const SECRET_FIELDS = new Set(['sasl', 'password', 'ssl', 'authenticationProvider']);

/**
 * KafkaJS's level for a pino level. KafkaJS INFO announces every join and (re)connect and its
 * DEBUG prints every request, so it only goes below WARN when the worker itself logs at debug.
 */
export function toKafkaJsLogLevel(pinoLevel: string): KafkaJsLogLevel {
  if (pinoLevel === 'trace') return KafkaJsLogLevel.DEBUG;
  if (pinoLevel === 'debug') return KafkaJsLogLevel.INFO;
  if (pinoLevel === 'silent') return KafkaJsLogLevel.NOTHING;
  if (pinoLevel === 'fatal' || pinoLevel === 'error') return KafkaJsLogLevel.ERROR;
  return KafkaJsLogLevel.WARN;
}

export function createKafkaJsLogCreator(logger: Logger): logCreator {
  const child = logger.child({ component: 'kafkajs' });
  return () => ({ namespace, level, log }) => {
    const { message, timestamp: _timestamp, ...extra } = log;
    const fields: Record<string, unknown> = { namespace };
    for (const [name, value] of Object.entries(extra)) {
      if (!SECRET_FIELDS.has(name)) fields[name] = value;
    }
    const pinoLevel = TO_PINO[level];
    if (pinoLevel !== 'silent') child[pinoLevel](fields, message);
  };
}
