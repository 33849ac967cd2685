// Waits inside a batch are bounded by the consumer-group session timeout, so a slow or hung
// dependency never gets a member expelled: a registry request gives up at a third of it (a
// prefetch that times out defers the batch: retried, never dead-lettered), and the group is
// heartbeaten five times per session while a batch waits.
import type { BackoffOptions } from './createOutageTracker.js';

export interface LivenessTimings {
  /** Per registry HTTP request. */
  registryTimeoutMs: number;
  /** Heartbeat period while a batch awaits the registry or a send. */
  heartbeatIntervalMs: number;
  /** Pauses between retries of a batch deferred for a registry outage. */
  registryBackoff: BackoffOptions;
}

const MAX_REGISTRY_TIMEOUT_MS = 10_000;
const MIN_REGISTRY_TIMEOUT_MS = 1_000;

export function livenessTimings(sessionTimeoutMs: number): LivenessTimings {
  const registryTimeoutMs = Math.max(MIN_REGISTRY_TIMEOUT_MS, Math.min(MAX_REGISTRY_TIMEOUT_MS, Math.floor(sessionTimeoutMs / 3)));
  return {
    registryTimeoutMs,
    heartbeatIntervalMs: Math.max(200, Math.floor(sessionTimeoutMs / 5)),
    registryBackoff: { initialMs: 250, maxMs: Math.min(5_000, registryTimeoutMs) },
  };
}
