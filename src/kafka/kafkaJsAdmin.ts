// StreamAdmin of streamClient.ts on KafkaJS: topic checks, watermarks and group offsets.
import type { Kafka } from 'kafkajs';
import type { StreamAdmin } from './streamClient.js';

export function createKafkaJsAdmin(kafka: Kafka): StreamAdmin {
  const admin = kafka.admin();
  return {
    connect: () => admin.connect(),
    listTopics: () => admin.listTopics(),

    async createTopics(topics) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: topics.map(({ topic, partitions, config }) => ({
          topic,
          numPartitions: partitions,
          configEntries: Object.entries(config ?? {}).map(([name, value]) => ({ name, value })),
        })),
      });
    },

    async fetchTopicOffsets(topic) {
      const offsets = await admin.fetchTopicOffsets(topic);
      return offsets
        .map(({ partition, low, high }) => ({ partition, low, high }))
        .sort((a, b) => a.partition - b.partition);
    },

    async fetchCommittedOffsets(groupId, topic) {
      const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
      const committed = new Map<number, string>();
      for (const { partition, offset } of entry?.partitions ?? []) {
        // KafkaJS reports "no commit" as -1.
        if (offset !== '-1') committed.set(partition, offset);
      }
      return committed;
    },

    disconnect: () => admin.disconnect(),
  };
}
