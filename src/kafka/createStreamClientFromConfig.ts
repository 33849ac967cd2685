// Config's Kafka slice → the StreamClient, for every composition root (tools now; the worker
// builds the same options inline and can switch to this).
import type { Logger } from 'pino';
import type { KafkaConfig } from '../config/config.js';
import { createKafkaJsStreamClient } from './createKafkaJsStreamClient.js';
import type { StreamClient } from './streamClient.js';

export function createStreamClientFromConfig(kafka: KafkaConfig, logger: Logger, clientId: string = kafka.clientId): StreamClient {
  return createKafkaJsStreamClient({
    clientId,
    brokers: kafka.brokers,
    ...(kafka.ssl ? { ssl: kafka.ssl.ca ? { ca: [kafka.ssl.ca] } : {} } : {}),
    ...(kafka.sasl ? { sasl: kafka.sasl } : {}),
    logger,
  });
}
