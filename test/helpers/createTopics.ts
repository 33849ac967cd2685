import type { ITopicConfig } from 'kafkajs';
import { createKafka, type StackEnv, stackEnv } from './stack.js';

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
    await admin.createTopics({ topics: specs.map(toConfig), waitForLeaders: true, timeout: 30_000 });
  } finally {
    await admin.disconnect();
  }
}

export async function createTopic(spec: TopicSpec, env?: StackEnv): Promise<void> {
  await createTopics([spec], env);
}
