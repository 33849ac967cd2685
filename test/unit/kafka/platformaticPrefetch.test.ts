import { describe, expect, it } from 'vitest';
import { createPrefetcher, type WantedPartition } from '../../../src/kafka/platformaticPrefetch.js';
import type { ConsumedBatch } from '../../../src/kafka/streamClient.js';

function recordingFetch() {
  const calls: WantedPartition[][] = [];
  const fetch = async (wanted: WantedPartition[]): Promise<ConsumedBatch[]> => {
    calls.push(wanted);
    return wanted.map(({ partition, offset }) => ({ topic: 't', partition, highWatermark: '0', records: [], nextOffset: String(offset + 1n) }));
  };
  return { calls, fetch };
}

describe('createPrefetcher', () => {
  it('hands over the fetch made ahead when generation, partitions and offsets match', async () => {
    const { calls, fetch } = recordingFetch();
    const prefetcher = createPrefetcher(fetch);
    prefetcher.start(3, [{ partition: 0, offset: 10n }, { partition: 1, offset: 4n }]);
    const batches = await prefetcher.take(3, [{ partition: 0, offset: 10n }, { partition: 1, offset: 4n }]);
    expect(batches.map((b) => b.nextOffset)).toEqual(['11', '5']);
    expect(calls).toHaveLength(1);
  });

  it.each([
    ['another offset (a deferred batch)', 3, [{ partition: 0, offset: 9n }, { partition: 1, offset: 4n }]],
    ['fewer partitions (a paused one)', 3, [{ partition: 1, offset: 4n }]],
    ['another generation (a rebalance)', 4, [{ partition: 0, offset: 10n }, { partition: 1, offset: 4n }]],
  ])('fetches anew on %s, never using the fetch made ahead', async (_case, generation, wanted) => {
    const { calls, fetch } = recordingFetch();
    const prefetcher = createPrefetcher(fetch);
    prefetcher.start(3, [{ partition: 0, offset: 10n }, { partition: 1, offset: 4n }]);
    const batches = await prefetcher.take(generation, wanted);
    expect(batches.map((b) => b.partition)).toEqual(wanted.map((w) => w.partition));
    expect(calls[1]).toEqual(wanted);
  });

  it('uses a fetch made ahead once, and lets a failed one surface only when taken', async () => {
    let fail = true;
    const prefetcher = createPrefetcher(async (wanted) => {
      if (fail) throw new Error('broker gone');
      return wanted.map(({ partition }) => ({ topic: 't', partition, highWatermark: '0', records: [], nextOffset: '1' }));
    });
    prefetcher.start(1, [{ partition: 0, offset: 0n }]);
    await expect(prefetcher.take(1, [{ partition: 0, offset: 0n }])).rejects.toThrow('broker gone');
    fail = false;
    await expect(prefetcher.take(1, [{ partition: 0, offset: 0n }])).resolves.toHaveLength(1);
  });
});
