// The one place that constructs KafkaJS. Replacing the client means writing another function
// with this signature that returns a StreamClient.
import { Kafka, type SASLOptions } from 'kafkajs';
import type { ConnectionOptions } from 'node:tls';
import type { Logger } from 'pino';
import { findUnpatchedKafkaJs } from './findUnpatchedKafkaJs.js';
import { createKafkaJsAdmin } from './kafkaJsAdmin.js';
import { createKafkaJsGroupConsumer } from './kafkaJsGroupConsumer.js';
import { isKafkaJsTransientError } from './isKafkaJsTransientError.js';
import { createKafkaJsLogCreator, toKafkaJsLogLevel } from './kafkaJsLogCreator.js';
import { createKafkaJsProducer, createKafkaJsTransactionalProducer } from './kafkaJsProducers.js';
import type { StreamClient } from './streamClient.js';
import { kafkaJsToModelError } from './kafkaJsToModelError.js';
import { withModelErrors } from './withModelErrors.js';

export interface StreamClientOptions {
  clientId: string;
  brokers: string[];
  /** TLS on; `ca` holds PEM certificates to trust beyond the system store. */
  ssl?: { ca?: string[] };
  sasl?: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
  logger: Logger;
}

function toSsl(ssl: StreamClientOptions['ssl']): ConnectionOptions | boolean {
  if (!ssl) return false;
  return ssl.ca && ssl.ca.length > 0 ? { ca: ssl.ca } : true;
}

let unpatchedChecked = false;

/** Once per process: an install without the project's KafkaJS fixes is named, never silent. */
function warnIfUnpatched(logger: Logger): void {
  if (unpatchedChecked) return;
  unpatchedChecked = true;
  for (const fix of findUnpatchedKafkaJs()) {
    logger.error({ file: fix.file }, `kafkajs is not patched (run npm ci / npm install with scripts, see docs/clients.md): without the fix ${fix.without}`);
  }
}

export function createKafkaJsStreamClient(options: StreamClientOptions): StreamClient {
  const { logger } = options;
  warnIfUnpatched(logger);
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    ssl: toSsl(options.ssl),
    // A copy: KafkaJS writes into the SASL object it is given, and the Config is frozen.
    ...(options.sasl ? { sasl: { ...options.sasl } as SASLOptions } : {}),
    logLevel: toKafkaJsLogLevel(logger.level),
    logCreator: createKafkaJsLogCreator(logger),
    // Connection attempts are retried for a long while: a broker restart is an outage to wait out.
    retry: { initialRetryTime: 300, maxRetryTime: 10_000, retries: 12 },
  });
  return {
    // KafkaJS's TxnOffsetCommit has no generation (no KIP-447): the worker runs one transactional
    // producer per input partition instead (src/worker/createPartitionedExactlyOnceDelivery.ts).
    zombieFencing: 'transactional-id',
    // Everything these objects throw is translated into the error model (src/errors.ts).
    createGroupConsumer: (consumerOptions) => withModelErrors(createKafkaJsGroupConsumer(kafka, consumerOptions, logger), kafkaJsToModelError),
    createProducer: () => withModelErrors(createKafkaJsProducer(kafka), kafkaJsToModelError),
    createTransactionalProducer: (transactionalId) => withModelErrors(createKafkaJsTransactionalProducer(kafka, transactionalId, logger), kafkaJsToModelError),
    createAdmin: () => withModelErrors(createKafkaJsAdmin(kafka), kafkaJsToModelError),
    isTransientError: isKafkaJsTransientError,
  };
}
