// The fetch loop's I/O on @platformatic/kafka: where each assigned partition starts (the group's
// stable commits, else the log's start or end), one fetch round over the partition leaders, and
// the reset of a position that fell outside the log.
import type { Admin, Consumer } from '@platformatic/kafka';
import { toConsumedBatch } from './platformaticRecords.js';
import { DEFAULT_FETCH_MAX_BYTES_PER_PARTITION, type ConsumedBatch } from './streamClient.js';

const EARLIEST = -2n;
const LATEST = -1n;
const READ_COMMITTED = 1;
const FETCH_MAX_BYTES = 16 * 1024 * 1024;

/**
 * The group's committed offsets, read with requireStable (KIP-447): an offset still inside an
 * open transaction is waited for, not read stale, so a new owner does not repeat what a zombie's
 * transaction is about to commit. The library's Consumer.listCommittedOffsets does not ask for it.
 */
export async function readStartPositions(
  admin: Admin, consumer: Consumer, groupId: string, fromBeginning: boolean, topic: string, partitions: number[],
): Promise<Map<number, bigint>> {
  const positions = new Map<number, bigint>();
  if (partitions.length === 0) return positions;
  const [group] = await admin.listConsumerGroupOffsets({
    groups: [{ groupId, topics: [{ name: topic, partitionIndexes: partitions }] }],
    requireStable: true,
  });
  for (const { name, partitions: committed } of group?.topics ?? []) {
    if (name !== topic) continue;
    for (const { partitionIndex, committedOffset } of committed) if (committedOffset >= 0n) positions.set(partitionIndex, committedOffset);
  }
  const missing = partitions.filter((p) => !positions.has(p));
  if (missing.length > 0) {
    const listed = await consumer.listOffsets({ topics: [topic], partitions: { [topic]: missing }, timestamp: fromBeginning ? EARLIEST : LATEST, isolationLevel: READ_COMMITTED });
    const offsets = listed.get(topic) ?? [];
    for (const p of missing) positions.set(p, offsets[p] ?? 0n);
  }
  return positions;
}

/** Positions below the log start move to it, positions past the end move to the end. */
export async function resetOutOfRange(consumer: Consumer, topic: string, positions: Map<number, bigint>): Promise<void> {
  const partitions = [...positions.keys()];
  const [low, high] = await Promise.all([EARLIEST, LATEST].map(async (timestamp) =>
    (await consumer.listOffsets({ topics: [topic], partitions: { [topic]: partitions }, timestamp })).get(topic) ?? []));
  for (const p of partitions) {
    const at = positions.get(p)!;
    if (low![p] !== undefined && at < low![p]!) positions.set(p, low![p]!);
    else if (high![p] !== undefined && at > high![p]!) positions.set(p, high![p]!);
  }
}

/** One fetch per partition leader, in parallel; the batches that brought something new. */
export async function fetchPartitions(
  consumer: Consumer, topic: string, wanted: Array<{ partition: number; offset: bigint }>, maxWaitTime: number,
  partitionMaxBytes: number = DEFAULT_FETCH_MAX_BYTES_PER_PARTITION,
): Promise<ConsumedBatch[]> {
  const metadata = await consumer.metadata({ topics: [topic] });
  const topicMetadata = metadata.topics.get(topic);
  if (!topicMetadata) throw new Error(`topic ${topic} has no metadata`);
  const byLeader = new Map<number, Array<{ partition: number; offset: bigint }>>();
  for (const want of wanted) {
    const leader = topicMetadata.partitions[want.partition]?.leader ?? -1;
    byLeader.set(leader, [...(byLeader.get(leader) ?? []), want]);
  }
  const requested = new Map(wanted.map(({ partition, offset }) => [partition, offset]));
  const responses = await Promise.all([...byLeader].map(([node, parts]) => consumer.fetch({
    node,
    topics: [{
      topicId: topicMetadata.id,
      partitions: parts.map(({ partition, offset }) => ({
        partition, fetchOffset: offset, partitionMaxBytes, currentLeaderEpoch: -1, lastFetchedEpoch: -1,
      })),
    }],
    maxWaitTime, minBytes: 1, maxBytes: FETCH_MAX_BYTES, isolationLevel: READ_COMMITTED,
  })));
  const batches: ConsumedBatch[] = [];
  for (const response of responses) {
    for (const topicResponse of response.responses) {
      for (const partition of topicResponse.partitions) {
        const fetchOffset = requested.get(partition.partitionIndex);
        // An incremental fetch session can answer for partitions not asked for this time.
        if (fetchOffset === undefined || !partition.records) continue;
        requested.delete(partition.partitionIndex);
        const consumed = toConsumedBatch({ topic, partition: partition.partitionIndex, fetchOffset, highWatermark: partition.highWatermark, batches: partition.records, abortedTransactions: partition.abortedTransactions });
        if (!consumed) continue;
        batches.push({
          topic, partition: partition.partitionIndex, highWatermark: partition.highWatermark.toString(),
          records: consumed.records, nextOffset: consumed.nextOffset.toString(),
        });
      }
    }
  }
  return batches.sort((a, b) => a.partition - b.partition);
}
