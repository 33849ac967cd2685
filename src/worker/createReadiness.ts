// The state /readyz is judged on (joined, campaign table loaded, registry reachable, progress),
// gathered from the worker's parts; the verdict itself is observability's evaluateReadiness.
import { evaluateReadiness, type ReadinessVerdict, type StuckBatch } from '../observability/evaluateReadiness.js';

export interface Readiness {
  joined(): void;
  left(): void;
  campaignTableLoaded(): void;
  registryReachable(reachable: boolean): void;
  /** A batch was delivered: progress for the stall check. */
  progressed(): void;
  lag(byPartition: ReadonlyMap<number, number>): void;
  verdict(): ReadinessVerdict;
}

export function createReadiness(
  topic: string,
  stallMs: number,
  clock: () => number = Date.now,
  /** Batches past the attempt limit of unexpected errors (createFailingBatches). */
  stuckBatches: () => readonly StuckBatch[] = () => [],
): Readiness {
  let joined = false;
  let campaignTableLoaded = false;
  let registryReachable = false;
  let lagByPartition = new Map<string, number>();
  let lastProgressAt = clock();
  return {
    joined() {
      // A fresh assignment starts its stall clock: lag inherited from before is not a stall yet.
      joined = true;
      lastProgressAt = clock();
    },
    left() { joined = false; },
    campaignTableLoaded() { campaignTableLoaded = true; },
    registryReachable(reachable) { registryReachable = reachable; },
    progressed() { lastProgressAt = clock(); },
    lag(byPartition) {
      lagByPartition = new Map([...byPartition].map(([partition, lag]) => [`${topic}/${partition}`, lag]));
    },
    verdict: () => evaluateReadiness({
      joined, campaignTableLoaded, registryReachable, lagByPartition, lastProgressAt, now: clock(), stallMs,
      stuckBatches: stuckBatches(),
    }),
  };
}
