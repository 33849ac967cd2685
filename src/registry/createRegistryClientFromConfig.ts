// The one way the worker and the tools reach the registry from their configuration (tests and
// benches that need other timeouts or a clock call createRegistryClient with options).
import type { RegistryConfig } from '../config/config.js';
import { createRegistryClient, type RegistryClient, type RegistryLogger } from './createRegistryClient.js';

/** `timeoutMs`: the worker derives it from its session timeout (livenessTimings); tools keep the default. */
export function createRegistryClientFromConfig(config: RegistryConfig, logger: RegistryLogger, timeoutMs?: number): RegistryClient {
  return createRegistryClient({ url: config.url, ...(config.auth ? { auth: config.auth } : {}), logger, ...(timeoutMs === undefined ? {} : { timeoutMs }) });
}
