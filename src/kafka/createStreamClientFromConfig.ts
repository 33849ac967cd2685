// Config's Kafka slice → the StreamClient, for every composition root (worker, tools, demo).
// KAFKA_CLIENT picks the library; @platformatic/kafka is imported dynamically, and only after
// parseConfig has checked that this Node runs it, so Node 20 never loads it.
import type { Logger } from 'pino';
import type { KafkaConfig } from '../config/config.js';
import { createKafkaJsStreamClient, type StreamClientOptions } from './createKafkaJsStreamClient.js';
import { createLazyStreamClient } from './createLazyStreamClient.js';
import { isPlatformaticTransientError } from './platformaticErrorChain.js';
import type { StreamClient } from './streamClient.js';

export function toStreamClientOptions(kafka: KafkaConfig, logger: Logger, clientId: string = kafka.clientId): StreamClientOptions {
  return {
    clientId,
    brokers: kafka.brokers,
    ...(kafka.ssl ? { ssl: kafka.ssl.ca ? { ca: [kafka.ssl.ca] } : {} } : {}),
    ...(kafka.sasl ? { sasl: kafka.sasl } : {}),
    logger,
  };
}

export function createStreamClientFromConfig(kafka: KafkaConfig, logger: Logger, clientId: string = kafka.clientId): StreamClient {
  const options = toStreamClientOptions(kafka, logger, clientId);
  if (kafka.client === 'platformatic') {
    return createLazyStreamClient(
      async () => (await import('./createPlatformaticStreamClient.js')).createPlatformaticStreamClient(options),
      isPlatformaticTransientError,
    );
  }
  return createKafkaJsStreamClient(options);
}
