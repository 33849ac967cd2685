import type { IHeaders, KafkaMessage } from 'kafkajs';
import { uniqueName } from './uniqueName.js';
import { createKafka, type StackEnv, stackEnv } from './stack.js';
import { waitFor } from './waitFor.js';

export interface ReadMessage {
  topic: string;
  partition: number;
  offset: string;
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: IHeaders;
}

export interface ReadUntilOptions {
  timeoutMs?: number;
  /** Default true: a read_committed consumer sees only committed transactional records. */
  readCommitted?: boolean;
  /** Stop when this returns true for the records so far (default: at least `count` records). */
  until?: (messages: ReadMessage[]) => boolean;
  env?: StackEnv;
}

function toRead(topic: string, partition: number, message: KafkaMessage): ReadMessage {
  return {
    topic,
    partition,
    offset: message.offset,
    timestamp: message.timestamp,
    key: message.key,
    value: message.value,
    headers: message.headers ?? {},
  };
}

/**
 * Reads `topic` from the beginning in a fresh consumer group until `count` records arrived (or
 * `until` holds), then disconnects and returns them in arrival order (per partition: offset order).
 */
export async function readUntil(topic: string, count: number, options: ReadUntilOptions = {}): Promise<ReadMessage[]> {
  const { timeoutMs = 30_000, readCommitted = true, env = stackEnv() } = options;
  const until = options.until ?? ((messages: ReadMessage[]) => messages.length >= count);
  const consumer = createKafka('test-reader', env).consumer({
    groupId: uniqueName('test-reader'),
    readUncommitted: !readCommitted,
    maxWaitTimeInMs: 250,
  });
  const messages: ReadMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic: from, partition, message }) => {
        messages.push(toRead(from, partition, message));
      },
    });
    await waitFor(() => until(messages), {
      timeoutMs,
      message: () => `${count} records on ${topic} (got ${messages.length})`,
    });
    return [...messages];
  } finally {
    await consumer.disconnect();
  }
}
