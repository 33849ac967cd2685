// How a handled batch reaches Kafka: its records and its offset commit, per guarantee.
//  at_least_once: one idempotent send of every record, then the offset commit. A crash between
//    the two re-sends the batch on restart: duplicates are possible, losses are not.
//  exactly_once: records and offsets in one transaction; read_committed consumers see the batch
//    once or not at all. The group membership is confirmed right before each commit. Zombie
//    fencing per client: one producer per instance here (clients with KIP-447), one per input
//    partition in createPartitionedExactlyOnceDelivery.ts (KafkaJS).
import type { OutputRecord } from '../pipeline/types.js';
import type { BatchControl, GroupConsumer, Producer, TopicPartitionOffset, TransactionalProducer } from '../kafka/streamClient.js';
import { confirmMembership } from './confirmMembership.js';

export type ProcessingGuarantee = 'at_least_once' | 'exactly_once';

export interface Delivery {
  connect(): Promise<void>;
  /** The batch's records and the offset after it; `control` is the batch's group membership. */
  deliver(records: OutputRecord[], next: TopicPartitionOffset, control: BatchControl): Promise<void>;
  /** This member's partitions of the input topic, each time it (re)joins the group. */
  assigned?(topic: string, partitions: number[]): void;
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

/** One transactional producer per instance: zombie-safe only on a client with KIP-447 (see above). */
export function createExactlyOnceDelivery(producer: TransactionalProducer, stopping: () => boolean): Delivery {
  return {
    connect: () => producer.connect(),
    deliver: (records, next, control) =>
      producer.sendInTransaction(records, [next], control.groupMetadata(), () => confirmMembership(control, stopping)),
    disconnect: () => producer.disconnect(),
  };
}

/**
 * The per-instance transactional id (KIP-447 clients): stable, so a restarted instance fences its
 * own predecessor; the group generation in each offset commit fences a zombie of another instance.
 */
export function transactionalIdFor(groupId: string, instanceId: string): string {
  return `${groupId}.${instanceId}`;
}
