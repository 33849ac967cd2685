// A copy of the config safe to log: every password replaced, and URLs without credentials.
import type { KafkaConfig, RegistryConfig } from './config.js';

export const REDACTED = '[redacted]';

/** The whole Config or some of its sections: whatever holds the Kafka or registry part. */
interface WithSecrets {
  kafka?: KafkaConfig;
  registry?: RegistryConfig;
}

export function redactConfig<T extends WithSecrets>(config: T): T {
  const { kafka, registry } = config;
  return {
    ...config,
    ...(kafka ? { kafka: { ...kafka, ...(kafka.sasl ? { sasl: { ...kafka.sasl, password: REDACTED } } : {}) } } : {}),
    ...(registry ? { registry: { ...registry, ...(registry.auth ? { auth: { ...registry.auth, password: REDACTED } } : {}) } } : {}),
  };
}

/**
 * Makes JSON.stringify, pino and console.log/util.inspect of the config print the redacted copy,
 * so logging the whole config by mistake leaks nothing. Non-enumerable: spreads don't copy it.
 */
export function hideSecretsWhenPrinted<T extends WithSecrets>(config: T): T {
  const show = () => redactConfig(config);
  Object.defineProperty(config, 'toJSON', { value: show, enumerable: false });
  Object.defineProperty(config, Symbol.for('nodejs.util.inspect.custom'), { value: show, enumerable: false });
  return config;
}
