// The one place that constructs @platformatic/kafka clients. Loaded only through a dynamic
// import (createStreamClientFromConfig), after the Node version was checked: 2.x fails on Node 20.
import type { BaseOptions } from '@platformatic/kafka';
import type { StreamClientOptions } from './createKafkaJsStreamClient.js';
import { isPlatformaticTransientError, platformaticToModelError } from './platformaticErrorChain.js';
import { retryDelayMs } from './platformaticRetryDelay.js';
import { createPlatformaticAdmin } from './platformaticAdmin.js';
import { createPlatformaticGroupConsumer } from './platformaticGroupConsumer.js';
import { createPlatformaticProducer, createPlatformaticTransactionalProducer } from './platformaticProducers.js';
import type { StreamClient } from './streamClient.js';
import { withModelErrors } from './withModelErrors.js';

const SASL_MECHANISMS = { plain: 'PLAIN', 'scram-sha-256': 'SCRAM-SHA-256', 'scram-sha-512': 'SCRAM-SHA-512' } as const;
// As KafkaJS is set up here: 300 ms doubling to 10 s, 12 attempts (~1.5 min): a broker restart
// is waited out; beyond that the worker's own outage loop takes over.
const RETRIES = 12;

export function toPlatformaticBaseOptions(options: StreamClientOptions): BaseOptions {
  return {
    clientId: options.clientId,
    bootstrapBrokers: options.brokers,
    retries: RETRIES,
    retryDelay: (_client, _operation, attempt, _retries, error) => retryDelayMs(attempt, error),
    ...(options.ssl ? { tls: options.ssl.ca && options.ssl.ca.length > 0 ? { ca: options.ssl.ca } : {} } : {}),
    // A copy: the Config is frozen.
    ...(options.sasl
      ? { sasl: { mechanism: SASL_MECHANISMS[options.sasl.mechanism], username: options.sasl.username, password: options.sasl.password } }
      : {}),
  };
}

export function createPlatformaticStreamClient(options: StreamClientOptions): StreamClient {
  const base = toPlatformaticBaseOptions(options);
  const { logger } = options;
  return {
    // Its transactional offset commit carries the group generation and member (KIP-447): one
    // transactional producer per instance is fenced by the broker once its partitions moved.
    zombieFencing: 'group-generation',
    // Everything these objects throw is translated into the error model (src/errors.ts).
    createGroupConsumer: (consumerOptions) => withModelErrors(createPlatformaticGroupConsumer(base, consumerOptions, logger), platformaticToModelError),
    createProducer: () => withModelErrors(createPlatformaticProducer(base, logger), platformaticToModelError),
    createTransactionalProducer: (transactionalId) => withModelErrors(createPlatformaticTransactionalProducer(base, transactionalId, logger), platformaticToModelError),
    createAdmin: () => withModelErrors(createPlatformaticAdmin(base, logger), platformaticToModelError),
    isTransientError: isPlatformaticTransientError,
  };
}
