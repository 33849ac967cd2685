// A copy of the config safe to log: every password replaced, and URLs without credentials.
import type { Config } from './config.js';

export const REDACTED = '[redacted]';

export function redactConfig(config: Config): Config {
  const { kafka, registry } = config;
  return {
    ...config,
    kafka: { ...kafka, ...(kafka.sasl ? { sasl: { ...kafka.sasl, password: REDACTED } } : {}) },
    registry: { ...registry, ...(registry.auth ? { auth: { ...registry.auth, password: REDACTED } } : {}) },
  };
}

/**
 * Makes JSON.stringify, pino and console.log/util.inspect of the config print the redacted copy,
 * so logging the whole config by mistake leaks nothing. Non-enumerable: spreads don't copy it.
 */
export function hideSecretsWhenPrinted(config: Config): Config {
  const show = () => redactConfig(config);
  Object.defineProperty(config, 'toJSON', { value: show, enumerable: false });
  Object.defineProperty(config, Symbol.for('nodejs.util.inspect.custom'), { value: show, enumerable: false });
  return config;
}
