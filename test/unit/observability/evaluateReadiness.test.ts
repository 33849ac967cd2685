import { describe, expect, it } from 'vitest';
import { evaluateReadiness, type ReadinessInput } from '../../../src/observability/evaluateReadiness.js';

const READY: ReadinessInput = {
  joined: true, campaignTableLoaded: true, registryReachable: true,
  lagByPartition: new Map([['callbacks.raw/0', 0], ['callbacks.raw/1', 0]]),
  lastProgressAt: 1_000, now: 100_000, stallMs: 30_000,
};

describe('evaluateReadiness', () => {
  it('is ready when joined, loaded, reachable and not lagging', () => {
    expect(evaluateReadiness(READY)).toEqual({ ready: true, reasons: [] });
  });

  it.each([
    [{ joined: false }, 'not joined the consumer group'],
    [{ campaignTableLoaded: false }, 'campaign table not loaded'],
    [{ registryReachable: false }, 'schema registry unreachable'],
  ])('is unready for %o', (change, reason) => {
    expect(evaluateReadiness({ ...READY, ...change })).toEqual({ ready: false, reasons: [reason] });
  });

  it('lists every reason at once', () => {
    expect(evaluateReadiness({ ...READY, joined: false, campaignTableLoaded: false, registryReachable: false }).reasons).toHaveLength(3);
  });

  it('stays ready with lag while progress is recent', () => {
    const lagging = new Map([['callbacks.raw/0', 500]]);
    expect(evaluateReadiness({ ...READY, lagByPartition: lagging, lastProgressAt: 100_000 - 29_999 }).ready).toBe(true);
  });

  it('turns unready when lag stays above zero with no progress for stallMs, naming the partitions', () => {
    const lagging = new Map([['callbacks.raw/0', 500], ['callbacks.raw/1', 0], ['callbacks.raw/2', 7]]);
    const verdict = evaluateReadiness({ ...READY, lagByPartition: lagging, lastProgressAt: 100_000 - 30_000 });
    expect(verdict.ready).toBe(false);
    expect(verdict.reasons).toEqual(['stalled: lag callbacks.raw/0=500, callbacks.raw/2=7 and no progress for 30000 ms (limit 30000 ms)']);
  });

  it('is not stalled when idle without lag (nothing to do)', () => {
    expect(evaluateReadiness({ ...READY, lastProgressAt: 0, now: 10_000_000 }).ready).toBe(true);
  });

  it('turns unready for each batch failing again and again with an unexpected error, naming it', () => {
    const stuckBatches = [{ where: 'callbacks.raw/1', offsets: '40..59', stage: 'deliver', attempts: 4, error: 'boom' }];
    expect(evaluateReadiness({ ...READY, stuckBatches })).toEqual({
      ready: false,
      reasons: ['failing: batch callbacks.raw/1 offsets 40..59 failed 4 times in a row in the deliver step with an unexpected error (boom)'],
    });
    expect(evaluateReadiness({ ...READY, stuckBatches: [] }).ready).toBe(true);
  });
});
