// Lag in seconds: the consumer-side record age tracker and the per-partition computation.
import { describe, expect, it } from 'vitest';
import type { BatchResult, ConsumedBatch } from '../../../src/kafka/streamClient.js';
import { computeLagSeconds } from '../../../src/worker/createLagMonitor.js';
import { createRecordAgeTracker } from '../../../src/worker/createRecordAgeTracker.js';

const control = { heartbeat: async () => undefined, isActive: () => true, groupMetadata: () => ({ groupId: 'g', generationId: 1, memberId: 'm' }) };

function batch(partition: number, timestamps: number[], firstOffset: number, highWatermark: number): ConsumedBatch {
  return {
    topic: 't', partition, highWatermark: String(highWatermark), nextOffset: String(firstOffset + timestamps.length),
    records: timestamps.map((timestamp, i) => ({ topic: 't', partition, offset: String(firstOffset + i), timestamp, key: null, value: null, headers: [] })),
  };
}

describe('createRecordAgeTracker', () => {
  it('knows the first record of the batch in hand, keeps it while the batch is retried, and forgets it once caught up', async () => {
    const tracker = createRecordAgeTracker();
    let result: BatchResult = { kind: 'retry', afterMs: 10 };
    let seenInside: number | undefined;
    const handler = tracker.wrap(async () => { seenInside = tracker.oldestUnprocessed(0); return result; });
    expect(tracker.oldestUnprocessed(0)).toBeUndefined();
    await handler(batch(0, [1000, 2000], 0, 2), control);
    expect(seenInside).toBe(1000);
    expect(tracker.oldestUnprocessed(0)).toBe(1000);
    result = { kind: 'done' };
    await handler(batch(0, [1000, 2000], 0, 2), control);
    expect(tracker.oldestUnprocessed(0)).toBeUndefined();
  });

  it('between two batches of a backlog, the last processed record stands in for the next one', async () => {
    const tracker = createRecordAgeTracker();
    const handler = tracker.wrap(async () => ({ kind: 'done' }));
    await handler(batch(1, [1000, 2000, 3000], 0, 10), control);
    expect(tracker.oldestUnprocessed(1)).toBe(3000);
    expect(tracker.oldestUnprocessed(0)).toBeUndefined();
  });

  it('keeps the batch when the handler throws (a rebalance: the batch is not done)', async () => {
    const tracker = createRecordAgeTracker();
    const handler = tracker.wrap(async () => { throw new Error('rebalancing'); });
    await expect(handler(batch(2, [500], 7, 8), control)).rejects.toThrow('rebalancing');
    expect(tracker.oldestUnprocessed(2)).toBe(500);
  });
});

describe('computeLagSeconds', () => {
  const now = 1_000_000;
  it('is 0 without lag, whatever else is known', () => {
    expect(computeLagSeconds(0, now - 5_000, now - 9_000, now)).toBe(0);
  });
  it('is the age of the oldest unprocessed record the consumer knows of', () => {
    expect(computeLagSeconds(3, now - 90_000, undefined, now)).toBe(90);
    // A producer clock ahead of the worker's.
    expect(computeLagSeconds(3, now + 2_000, undefined, now)).toBe(0);
  });
  it('for a backlog the consumer has not fetched (a stalled fetch), counts from the first poll that saw it', () => {
    expect(computeLagSeconds(7, undefined, now - 42_000, now)).toBe(42);
    expect(computeLagSeconds(7, undefined, now, now)).toBe(0);
  });
});
