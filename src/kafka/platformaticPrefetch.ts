// One fetch ahead for the platformatic fetch loop: while the handler works on one fetch's batches,
// the next fetch (from the offsets after them) is already on its way, as KafkaJS and the Java
// client overlap fetching and processing. It is used only when the next round asks for exactly the
// generation, partitions and offsets it was made for: a deferred batch, a pause or a rebalance
// drops it, so fetching ahead can never skip or reorder a record.
import type { ConsumedBatch } from './streamClient.js';

export interface WantedPartition {
  partition: number;
  offset: bigint;
}

export interface Prefetcher {
  /** The batches from these offsets: the fetch made ahead if it matches, else a new one. */
  take(generation: number, wanted: WantedPartition[]): Promise<ConsumedBatch[]>;
  /** Starts the next fetch; its failure surfaces only if it is taken. */
  start(generation: number, wanted: WantedPartition[]): void;
}

const keyOf = (generation: number, wanted: WantedPartition[]): string =>
  `${generation}|${wanted.map(({ partition, offset }) => `${partition}@${offset}`).join(',')}`;

export function createPrefetcher(fetch: (wanted: WantedPartition[]) => Promise<ConsumedBatch[]>): Prefetcher {
  let ahead: { key: string; result: Promise<ConsumedBatch[]> } | undefined;
  return {
    take(generation, wanted) {
      const hit = ahead?.key === keyOf(generation, wanted) ? ahead.result : undefined;
      ahead = undefined;
      return hit ?? fetch(wanted);
    },
    start(generation, wanted) {
      const result = fetch(wanted);
      result.catch(() => undefined);
      ahead = { key: keyOf(generation, wanted), result };
    },
  };
}
