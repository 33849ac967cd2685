// Reads a topic from the beginning with a throw-away consumer group until `isDone` says enough.
// The demo uses it to count what the worker wrote; it goes through the project's StreamClient.
import type { StreamClient } from '../../src/kafka/streamClient.js';
import type { InputRecord } from '../../src/pipeline/types.js';

export interface TopicCollector {
  readonly records: InputRecord[];
  stop(): Promise<void>;
}

export async function collectTopic(client: StreamClient, topic: string, groupId: string): Promise<TopicCollector> {
  const records: InputRecord[] = [];
  const consumer = client.createGroupConsumer({ groupId, fromBeginning: true, maxWaitTimeMs: 200 });
  await consumer.connect();
  await consumer.run(topic, async (batch) => {
    records.push(...batch.records);
    return { kind: 'done' };
  });
  return { records, stop: () => consumer.disconnect() };
}
