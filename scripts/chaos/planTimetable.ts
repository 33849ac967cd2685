// When faults happen: seeded, so a failing run can be replayed with the same timetable. Pure.
import { createRandom } from '../../src/tools/generate/createRandom.js';

/** Moments (ms from the start) of `count` faults, each `minGapMs`–`maxGapMs` after the one before. */
export function planFaultTimes(options: { seed: string; count: number; firstAtMs: number; minGapMs: number; maxGapMs: number }): number[] {
  const random = createRandom(options.seed);
  const times: number[] = [];
  let at = options.firstAtMs;
  for (let i = 0; i < options.count; i += 1) {
    times.push(at);
    at += random.int(options.minGapMs, options.maxGapMs);
  }
  return times;
}

export type ChurnStep = { atMs: number; action: 'leave' | 'join' };

/**
 * Scale churn: alternately one worker leaves and one joins, every `everyMs`, so the fleet swings
 * between n-1 and n workers and every step is a rebalance.
 */
export function planChurn(options: { seed: string; steps: number; firstAtMs: number; minGapMs: number; maxGapMs: number }): ChurnStep[] {
  return planFaultTimes({ ...options, count: options.steps }).map((atMs, index) => ({ atMs, action: index % 2 === 0 ? 'leave' : 'join' }));
}
