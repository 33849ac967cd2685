import { StackError } from './errors.js';
import type { StackMode } from './state.js';

export interface RequestedMode {
  mode: StackMode;
  /** True when any STACK_* mode variable was set: a live stack in another mode is then an error. */
  explicit: boolean;
}

/** STACK_BROKERS (1 | 3), STACK_SECURITY (none | sasl_ssl), STACK_REGISTRY_AUTH (none | basic). */
export function parseMode(env: NodeJS.ProcessEnv = process.env): RequestedMode {
  const brokers = env.STACK_BROKERS ?? '1';
  if (brokers !== '1' && brokers !== '3') {
    throw new StackError(`STACK_BROKERS must be 1 or 3, not "${brokers}"`);
  }
  const security = env.STACK_SECURITY ?? 'none';
  if (security !== 'none' && security !== 'sasl_ssl') {
    throw new StackError(`STACK_SECURITY must be none or sasl_ssl, not "${security}"`);
  }
  const registryAuth = env.STACK_REGISTRY_AUTH ?? (security === 'sasl_ssl' ? 'basic' : 'none');
  if (registryAuth !== 'none' && registryAuth !== 'basic') {
    throw new StackError(`STACK_REGISTRY_AUTH must be none or basic, not "${registryAuth}"`);
  }
  return {
    mode: { brokers: brokers === '3' ? 3 : 1, security, registryAuth: registryAuth === 'basic' },
    explicit: [env.STACK_BROKERS, env.STACK_SECURITY, env.STACK_REGISTRY_AUTH].some((value) => value !== undefined),
  };
}

export function describeMode(mode: StackMode): string {
  const parts = [`${mode.brokers} broker${mode.brokers === 1 ? '' : 's'}`];
  if (mode.security === 'sasl_ssl') parts.push('SASL_SSL listener');
  if (mode.registryAuth) parts.push('registry basic auth');
  return parts.join(', ');
}

export function sameMode(a: StackMode, b: StackMode): boolean {
  return a.brokers === b.brokers && a.security === b.security && a.registryAuth === b.registryAuth;
}
