// /readyz as a pure function of what the worker knows: unready until it has joined the group,
// loaded the campaign table and reached the registry, and again when it is stuck: lag above
// zero while nothing was delivered for stallMs (a wedged consumer looks alive to /healthz), or a
// batch failing again and again with an error that is not an outage (a bug made visible).
import type { EpochMillis } from '../model/types.js';

/** A partition whose batch failed repeatedly with an error not known to be an outage. */
export interface StuckBatch {
  /** `topic/partition` */
  where: string;
  offsets: string;
  stage: string;
  attempts: number;
  error: string;
}

export interface ReadinessInput {
  joined: boolean;
  campaignTableLoaded: boolean;
  registryReachable: boolean;
  /** Lag per owned partition, keyed as the caller likes (e.g. "callbacks.raw/3"). */
  lagByPartition: ReadonlyMap<string, number>;
  /** Last delivered batch, or the moment the worker joined when none was delivered yet. */
  lastProgressAt: EpochMillis;
  now: EpochMillis;
  stallMs: number;
  /** Only those past the attempt limit (the caller decides the limit). */
  stuckBatches?: readonly StuckBatch[];
}

export interface ReadinessVerdict {
  ready: boolean;
  reasons: string[];
}

export function evaluateReadiness(input: ReadinessInput): ReadinessVerdict {
  const reasons: string[] = [];
  if (!input.joined) reasons.push('not joined the consumer group');
  if (!input.campaignTableLoaded) reasons.push('campaign table not loaded');
  if (!input.registryReachable) reasons.push('schema registry unreachable');
  const lagging = [...input.lagByPartition].filter(([, lag]) => lag > 0);
  const idleMs = input.now - input.lastProgressAt;
  if (lagging.length > 0 && idleMs >= input.stallMs) {
    const where = lagging.map(([partition, lag]) => `${partition}=${lag}`).join(', ');
    reasons.push(`stalled: lag ${where} and no progress for ${idleMs} ms (limit ${input.stallMs} ms)`);
  }
  for (const stuck of input.stuckBatches ?? []) {
    reasons.push(`failing: batch ${stuck.where} offsets ${stuck.offsets} failed ${stuck.attempts} times in a row in the ${stuck.stage} step with an unexpected error (${stuck.error})`);
  }
  return { ready: reasons.length === 0, reasons };
}
