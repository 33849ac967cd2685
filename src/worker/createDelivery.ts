// How a handled batch reaches Kafka: its records and its offset commit, per guarantee.
//  at_least_once: one idempotent send of every record, then the offset commit. A crash between
//    the two re-sends the batch on restart: duplicates are possible, losses are not.
//  exactly_once: records and offsets in one transaction; read_committed consumers see the batch
//    once or not at all.
import type { OutputRecord } from '../pipeline/types.js';
import type { BatchControl, GroupConsumer, Producer, TopicPartitionOffset, TransactionalProducer } from '../kafka/streamClient.js';

export type ProcessingGuarantee = 'at_least_once' | 'exactly_once';

export interface Delivery {
  connect(): Promise<void>;
  /** The batch's records and the offset after it; `control` is the batch's group membership. */
  deliver(records: OutputRecord[], next: TopicPartitionOffset, control: BatchControl): Promise<void>;
  disconnect(): Promise<void>;
}

export function createAtLeastOnceDelivery(producer: Producer, consumer: GroupConsumer): Delivery {
  return {
    connect: () => producer.connect(),
    async deliver(records, next) {
      await producer.send(records);
      await consumer.commit([next]);
    },
    disconnect: () => producer.disconnect(),
  };
}

export function createExactlyOnceDelivery(producer: TransactionalProducer): Delivery {
  return {
    connect: () => producer.connect(),
    deliver: (records, next, control) => producer.sendInTransaction(records, [next], control.groupMetadata()),
    disconnect: () => producer.disconnect(),
  };
}

/**
 * Stable per instance, so a restarted instance fences its own predecessor. KafkaJS predates
 * KIP-447, so fencing is by this id only, not by consumer-group generation.
 */
export function transactionalIdFor(groupId: string, instanceId: string): string {
  return `${groupId}.${instanceId}`;
}
