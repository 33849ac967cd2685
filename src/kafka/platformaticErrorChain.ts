// What a @platformatic/kafka error means, read without importing the client (so the check works
// before the client is loaded, and on Node 20 where it is never loaded). Its errors nest: a
// MultipleErrors holds every attempt of a retried operation in `errors`, others keep a `cause`.
import { BrokerUnavailableError, FatalError, RetriableError } from '../errors.js';

const MAX_NODES = 200;

export interface PlatformaticErrorLink {
  /** PLT_KFK_NETWORK, PLT_KFK_TIMEOUT, PLT_KFK_PROTOCOL, PLT_KFK_AUTHENTICATION, ... */
  code?: unknown;
  /** The Kafka protocol error's name, e.g. REBALANCE_IN_PROGRESS (protocol errors only). */
  apiId?: unknown;
  canRetry?: unknown;
}

/** The error and every error nested in it, breadth-first (bounded: retries can nest many). */
export function* platformaticErrorChain(error: unknown): Generator<PlatformaticErrorLink> {
  const queue: unknown[] = [error];
  const seen = new Set<unknown>();
  while (queue.length > 0 && seen.size < MAX_NODES) {
    const current = queue.shift();
    if (current === null || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    yield current as PlatformaticErrorLink;
    const { errors, cause } = current as { errors?: unknown; cause?: unknown };
    if (Array.isArray(errors)) queue.push(...(errors as unknown[]));
    if (cause !== undefined) queue.push(cause);
  }
}

/** The first nested protocol error whose name is one of `apiIds`. */
export function findPlatformaticError(error: unknown, apiIds: ReadonlySet<string>): PlatformaticErrorLink | undefined {
  for (const link of platformaticErrorChain(error)) {
    if (typeof link.apiId === 'string' && apiIds.has(link.apiId)) return link;
  }
  return undefined;
}

const TRANSIENT_CODES = new Set(['PLT_KFK_NETWORK', 'PLT_KFK_TIMEOUT']);

/**
 * Network failures, timeouts and retriable protocol errors (leader elections, coordinator
 * loading) are outages; authentication and authorisation failures never are.
 */
export function isPlatformaticTransientError(error: unknown): boolean {
  let transient = false;
  for (const { code, apiId, canRetry } of platformaticErrorChain(error)) {
    if (code === 'PLT_KFK_AUTHENTICATION') return false;
    if (typeof apiId === 'string' && (apiId.endsWith('_AUTHORIZATION_FAILED') || apiId === 'SASL_AUTHENTICATION_FAILED')) return false;
    if (typeof code === 'string' && TRANSIENT_CODES.has(code)) transient = true;
    if (typeof apiId === 'string' && canRetry === true) transient = true;
  }
  return transient;
}

/**
 * A @platformatic/kafka error → the error model (src/errors.ts). The adapter itself already throws
 * ProducerFencedError and GroupRebalanceError; an outage becomes BrokerUnavailableError; anything
 * else passes untouched and is, for the worker, not known to be an outage.
 */
export function platformaticToModelError(error: unknown): unknown {
  if (error instanceof RetriableError || error instanceof FatalError) return error;
  if (isPlatformaticTransientError(error)) return new BrokerUnavailableError(error);
  return error;
}
