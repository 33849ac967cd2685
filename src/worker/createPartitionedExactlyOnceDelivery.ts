// Exactly-once on a client without KIP-447 (KafkaJS): its TxnOffsetCommit carries only the group
// id, so the broker cannot tell a zombie's commit (an instance that slept through a rebalance)
// from the owner's. Fencing is by transactional id instead, as Kafka Streams did before KIP-447:
// one transactional producer per input partition, its id derived from group, topic and partition.
// Whoever handles a partition next initialises that id first, which aborts the previous owner's
// open transaction, waits for one that is committing, and fences that owner's producer for good.
//
// The race it leaves: the new owner's consumer read the committed offset when it joined, maybe
// before the previous owner's last transaction completed. So the committed offset is read AGAIN
// after the fencing, and the records below it are dropped: nothing is written twice.
//
// Chosen over a per-client "exactly-once sink" so the logic stays client-neutral and tested once:
// a client says how it fences (StreamClient.zombieFencing) and the worker picks this delivery or
// the one-producer-per-instance one (createExactlyOnceDelivery) for KIP-447 clients.
import type { Logger } from 'pino';
import { GroupRebalanceError, type StreamAdmin, type StreamClient, type TransactionalProducer } from '../kafka/streamClient.js';
import { dropHandledRecords } from '../pipeline/dropHandledRecords.js';
import { confirmMembership } from './confirmMembership.js';
import type { Delivery } from './createDelivery.js';

export interface PartitionedDeliveryDeps {
  client: StreamClient;
  admin: StreamAdmin;
  groupId: string;
  dlqTopic: string;
  logger: Logger;
  /** True once the worker is stopping gracefully (see confirmMembership). */
  stopping: () => boolean;
}

/** Stable across restarts and instances: the partition's next owner fences the previous one. */
export function partitionTransactionalId(groupId: string, topic: string, partition: number): string {
  return `${groupId}.${topic}.${partition}`;
}

interface PartitionSink {
  producer: TransactionalProducer;
  /** The group's committed offset read right after fencing, until this owner commits past it. */
  handledBelow: bigint | undefined;
}

const isFenced = (error: unknown): boolean => (error as { name?: unknown } | null)?.name === 'ProducerFencedError';
const keyOf = (topic: string, partition: number): string => `${topic}\u0000${partition}`;

export function createPartitionedExactlyOnceDelivery(deps: PartitionedDeliveryDeps): Delivery {
  const { client, admin, groupId, dlqTopic, logger, stopping } = deps;
  const sinks = new Map<string, PartitionSink>();
  const closing = new Set<Promise<void>>();

  function close(key: string, sink: PartitionSink): void {
    if (sinks.get(key) === sink) sinks.delete(key);
    const closed: Promise<void> = sink.producer.disconnect()
      .catch((error: unknown) => logger.warn({ err: error }, 'closing a partition\'s transactional producer failed'))
      .finally(() => closing.delete(closed));
    closing.add(closed);
  }

  async function open(topic: string, partition: number): Promise<PartitionSink> {
    const producer = client.createTransactionalProducer(partitionTransactionalId(groupId, topic, partition));
    try {
      // Fence first, then read: after connect() no earlier owner can commit for this partition.
      await producer.connect();
      const committed = (await admin.fetchCommittedOffsets(groupId, topic)).get(partition);
      logger.info({ topic, partition, committed }, 'transactional producer of the partition initialised; earlier owners fenced');
      return { producer, handledBelow: committed === undefined ? undefined : BigInt(committed) };
    } catch (error) {
      await producer.disconnect().catch(() => undefined);
      // Fenced while initialising: another member initialised the id meanwhile, so it owns the partition now.
      throw isFenced(error) ? new GroupRebalanceError(error) : error;
    }
  }

  return {
    // Producers are made per partition on its first batch (the group assigns partitions later).
    connect: async () => undefined,

    async deliver(records, next, control) {
      const key = keyOf(next.topic, next.partition);
      let sink = sinks.get(key);
      if (!sink) {
        // A member expelled while it waited must not fence the partition's new owner.
        await confirmMembership(control, stopping);
        sink = await open(next.topic, next.partition);
        sinks.set(key, sink);
      }
      let toSend = records;
      if (sink.handledBelow !== undefined) {
        if (BigInt(next.offset) <= sink.handledBelow) {
          logger.info({ topic: next.topic, partition: next.partition, next: next.offset, committed: sink.handledBelow.toString() }, 'batch already committed by the partition\'s previous owner; skipped');
          return;
        }
        toSend = dropHandledRecords(records, sink.handledBelow, dlqTopic);
        if (toSend.length < records.length) {
          logger.info({ topic: next.topic, partition: next.partition, dropped: records.length - toSend.length, committed: sink.handledBelow.toString() }, 'records already committed by the partition\'s previous owner dropped from the batch');
        }
      }
      try {
        await sink.producer.sendInTransaction(toSend, [next], control.groupMetadata(), () => confirmMembership(control, stopping));
      } catch (error) {
        if (!isFenced(error)) throw error;
        // The partition's next owner initialised its id: this instance lost the partition (the
        // group will tell it on the next heartbeat). The batch is dropped, not the worker.
        logger.warn({ topic: next.topic, partition: next.partition }, 'transactional producer of the partition fenced by its new owner; batch aborted');
        close(key, sink);
        throw new GroupRebalanceError(error);
      }
      sink.handledBelow = undefined;
    },

    assigned(topic, partitions) {
      const owned = new Set(partitions.map((partition) => keyOf(topic, partition)));
      for (const [key, sink] of sinks) if (!owned.has(key)) close(key, sink);
    },

    async disconnect() {
      for (const [key, sink] of sinks) close(key, sink);
      await Promise.all([...closing]);
    },
  };
}
