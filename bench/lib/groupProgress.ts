// Where a consumer group stands on a topic, read through the admin: the drain is over when its
// committed offsets reach the input's high watermarks.
import type { StreamAdmin } from '../../src/kafka/streamClient.js';

export async function caughtUp(admin: StreamAdmin, groupId: string, topic: string): Promise<boolean> {
  const [watermarks, committed] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchCommittedOffsets(groupId, topic)]);
  return watermarks.every(({ partition, high }) => committed.get(partition) === high);
}

/** True once any record (or transaction marker) landed on the topic. */
export async function hasRecords(admin: StreamAdmin, topic: string): Promise<boolean> {
  const watermarks = await admin.fetchTopicOffsets(topic);
  return watermarks.some(({ low, high }) => BigInt(high) > BigInt(low));
}
