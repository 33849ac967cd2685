// StreamAdmin of streamClient.ts on @platformatic/kafka: topic checks, watermarks, group offsets.
import { Admin, type BaseOptions } from '@platformatic/kafka';
import type { Logger } from 'pino';
import type { PartitionOffsets, StreamAdmin } from './streamClient.js';

const EARLIEST = -2n;
const LATEST = -1n;
const LEADER_WAIT_MS = 30_000;

async function waitForLeaders(admin: Admin, topics: string[]): Promise<void> {
  const deadline = Date.now() + LEADER_WAIT_MS;
  for (;;) {
    const metadata = await admin.metadata({ topics, forceUpdate: true });
    const ready = topics.every((topic) => metadata.topics.get(topic)?.partitions.every((p) => p.leader >= 0));
    if (ready || Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function createPlatformaticAdmin(base: BaseOptions, logger: Logger): StreamAdmin {
  const admin = new Admin(base);
  // An 'error' event without a listener would throw out of the library's timer callbacks.
  admin.on('error', (error: Error) => logger.warn({ err: error }, 'kafka admin error'));

  async function watermarks(topic: string): Promise<PartitionOffsets[]> {
    const metadata = await admin.metadata({ topics: [topic] });
    const count = metadata.topics.get(topic)?.partitionsCount ?? 0;
    const list = async (timestamp: bigint): Promise<Map<number, bigint>> => {
      const partitions = Array.from({ length: count }, (_, partitionIndex) => ({ partitionIndex, timestamp }));
      const [listed] = await admin.listOffsets({ topics: [{ name: topic, partitions }] });
      return new Map((listed?.partitions ?? []).map((p) => [p.partitionIndex, p.offset]));
    };
    const [low, high] = [await list(EARLIEST), await list(LATEST)];
    return Array.from({ length: count }, (_, partition) => ({
      partition, low: String(low.get(partition) ?? 0n), high: String(high.get(partition) ?? 0n),
    }));
  }

  return {
    // The library connects on first use; a metadata request makes an unreachable cluster fail here.
    connect: async () => { await admin.metadata({ topics: [] }); },
    listTopics: () => admin.listTopics(),

    async createTopics(topics) {
      for (const { topic, partitions, config } of topics) {
        await admin.createTopics({
          topics: [topic], partitions, replicas: -1,
          configs: Object.entries(config ?? {}).map(([name, value]) => ({ name, value })),
        });
      }
      await waitForLeaders(admin, topics.map(({ topic }) => topic));
    },

    fetchTopicOffsets: watermarks,

    async fetchCommittedOffsets(groupId, topic) {
      const metadata = await admin.metadata({ topics: [topic] });
      const count = metadata.topics.get(topic)?.partitionsCount ?? 0;
      const [group] = await admin.listConsumerGroupOffsets({
        groups: [{ groupId, topics: [{ name: topic, partitionIndexes: Array.from({ length: count }, (_, i) => i) }] }],
        // As KafkaJS reads them: the last committed, not waiting for open transactions (an
        // exactly_once worker nearly always has one, and a lag probe must not stall on it). The
        // group consumer's own start positions do wait (platformaticPositions.ts).
        requireStable: false,
      });
      const committed = new Map<number, string>();
      for (const { name, partitions } of group?.topics ?? []) {
        if (name !== topic) continue;
        // "No commit" comes back as -1.
        for (const { partitionIndex, committedOffset } of partitions) if (committedOffset >= 0n) committed.set(partitionIndex, String(committedOffset));
      }
      return committed;
    },

    disconnect: () => admin.close(),
  };
}
