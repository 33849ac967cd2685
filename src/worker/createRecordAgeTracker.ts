// How old the oldest unprocessed record of each partition is, from Kafka record timestamps, for
// the lag-in-seconds gauge. The consumer sees the records it has to do: the first record of the
// batch in hand (fetched, not yet committed; a retried batch keeps it) is the oldest unprocessed
// one. Between two batches of a backlog the last processed record's timestamp stands in until the
// next batch arrives (the next record is no older, so for those few milliseconds the age is an
// upper bound). Reading the record at the committed offset instead would cost a fetch per
// partition per poll and a client API the StreamClient does not have.
import type { BatchHandler } from '../kafka/streamClient.js';

export interface RecordAgeTracker {
  /** The handler, noting each batch's first record before and its outcome after. */
  wrap(handler: BatchHandler): BatchHandler;
  /** Timestamp (epoch ms) of the oldest unprocessed record this consumer knows of, per partition. */
  oldestUnprocessed(partition: number): number | undefined;
}

export function createRecordAgeTracker(): RecordAgeTracker {
  const oldest = new Map<number, number>();
  return {
    wrap: (handler) => async (batch, control) => {
      const first = batch.records[0];
      if (first) oldest.set(batch.partition, first.timestamp);
      const result = await handler(batch, control);
      if (result.kind === 'done') {
        const last = batch.records.at(-1);
        // More waits behind this batch: its age is at most the last processed record's.
        if (last && BigInt(batch.nextOffset) < BigInt(batch.highWatermark)) oldest.set(batch.partition, last.timestamp);
        else oldest.delete(batch.partition);
      }
      return result;
    },
    oldestUnprocessed: (partition) => oldest.get(partition),
  };
}
