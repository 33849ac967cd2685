import type { ITopicConfig } from 'kafkajs';
import { createKafka, type StackEnv, stackEnv } from './stack.js';
import { waitFor } from './waitFor.js';

export type TopicSpec = string | ITopicConfig;

function toConfig(spec: TopicSpec): ITopicConfig {
  return typeof spec === 'string' ? { topic: spec, numPartitions: 1 } : spec;
}

/**
 * Creates topics (a name means 1 partition, the cluster's replication factor) and returns once
 * every partition has a leader. Existing topics are left as they are.
 */
export async function createTopics(specs: TopicSpec[], env: StackEnv = stackEnv()): Promise<void> {
  const admin = createKafka('test-admin', env).admin();
  await admin.connect();
  try {
    const topics = specs.map(toConfig);
    await admin.createTopics({ topics, waitForLeaders: false, timeout: 30_000 });
    // KafkaJS's own waitForLeaders gives up on UNKNOWN_TOPIC_OR_PARTITION, which a fresh broker
    // answers for a moment after the creation; poll the metadata instead.
    const names = topics.map((topic) => topic.topic);
    await waitFor(
      async () => {
        const metadata = await admin.fetchTopicMetadata({ topics: names });
        return metadata.topics.every(
          (topic) => topic.partitions.length > 0 && topic.partitions.every((partition) => partition.leader >= 0),
        );
      },
      { timeoutMs: 30_000, message: `leaders for ${names.join(', ')}` },
    );
  } finally {
    await admin.disconnect();
  }
}

export async function createTopic(spec: TopicSpec, env?: StackEnv): Promise<void> {
  await createTopics([spec], env);
}
