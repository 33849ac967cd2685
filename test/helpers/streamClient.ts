// The StreamClient under test: KAFKA_CLIENT=kafkajs (default) | platformatic picks the library,
// as it does for the worker and the tools, so one switch runs the whole suite on either client.
import pino, { type Logger } from 'pino';
import { KAFKA_CLIENTS, type KafkaClientName } from '../../src/config/config.js';
import { createStreamClientFromConfig } from '../../src/kafka/createStreamClientFromConfig.js';
import type { StreamClient } from '../../src/kafka/streamClient.js';
import { stackEnv, type StackEnv } from './stack.js';

/** The client the suite runs on, from KAFKA_CLIENT (spawned workers and CLI runs get the same). */
export function kafkaClientUnderTest(): KafkaClientName {
  const name = (process.env.KAFKA_CLIENT ?? 'kafkajs').toLowerCase();
  if (!(KAFKA_CLIENTS as readonly string[]).includes(name)) throw new Error(`KAFKA_CLIENT must be one of ${KAFKA_CLIENTS.join(' | ')}`);
  return name as KafkaClientName;
}

/** The env entry that gives workers and tools under test the same client as the suite. */
export function kafkaClientEnv(): { KAFKA_CLIENT: KafkaClientName } {
  return { KAFKA_CLIENT: kafkaClientUnderTest() };
}

/** A StreamClient on the stack's plaintext listener, on the client KAFKA_CLIENT names. */
export function createTestStreamClient(clientId = 'test', env: StackEnv = stackEnv(), logger: Logger = pino({ level: 'silent' })): StreamClient {
  return createStreamClientFromConfig(
    { client: kafkaClientUnderTest(), brokers: env.KAFKA_BROKERS!.split(','), clientId, ssl: false },
    logger,
  );
}
