// Routes KafkaJS's own log lines into the worker's pino logger, so operators get one JSON stream.
// A normal wait (a broker still starting, a rebalance: classifyKafkaJsLog.ts) is not an error: it
// is said once at info with what is being waited for, and repeats go to debug until it has been
// quiet for a while. Everything else keeps KafkaJS's level.
import { logLevel as KafkaJsLogLevel, type logCreator } from 'kafkajs';
import type { Logger } from 'pino';
import { classifyKafkaJsLog } from './classifyKafkaJsLog.js';

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

/** A wait not seen for this long is a new episode and is said at info again. */
export const WAIT_QUIET_MS = 60_000;

export function createKafkaJsLogCreator(logger: Logger, clock: () => number = Date.now): logCreator {
  const child = logger.child({ component: 'kafkajs' });
  const lastSeen = new Map<string, number>();
  return () => ({ namespace, level, log }) => {
    const { message, timestamp: _timestamp, ...extra } = log;
    const fields: Record<string, unknown> = { namespace };
    for (const [name, value] of Object.entries(extra)) {
      if (!SECRET_FIELDS.has(name)) fields[name] = value;
    }
    const pinoLevel = TO_PINO[level];
    if (pinoLevel === 'silent') return;
    const wait = level <= KafkaJsLogLevel.WARN ? classifyKafkaJsLog(String(message), extra.error) : undefined;
    if (!wait) {
      child[pinoLevel](fields, message);
      return;
    }
    const now = clock();
    const previous = lastSeen.get(wait.condition);
    lastSeen.set(wait.condition, now);
    const text = `waiting for ${wait.waitingFor} (${wait.condition}; retrying): ${message}`;
    if (previous === undefined || now - previous > WAIT_QUIET_MS) child.info({ ...fields, condition: wait.condition }, text);
    else child.debug({ ...fields, condition: wait.condition }, text);
  };
}
