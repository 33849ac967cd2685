// Producer and TransactionalProducer of streamClient.ts on @platformatic/kafka, both idempotent
// with acks=all. The transactional offset commit carries the consumer group's generation and
// member id (KIP-447): the broker refuses it from a member that has lost its partitions.
import { Admin, Producer as PlatformaticProducer, type BaseOptions, type Message } from '@platformatic/kafka';
import type { Logger } from 'pino';
import type { OutputRecord } from '../pipeline/types.js';
import { chunkRecords } from './chunkRecords.js';
import { findPlatformaticError } from './platformaticErrorChain.js';
import { createJavaCompatiblePartitioner, toMessages } from './platformaticRecords.js';
import { GroupRebalanceError, ProducerFencedError, type ConsumerGroupMetadata, type Producer, type TopicPartitionOffset, type TransactionalProducer } from './streamClient.js';

type Transaction = Awaited<ReturnType<PlatformaticProducer['beginTransaction']>>;

const FENCED = new Set(['INVALID_PRODUCER_EPOCH', 'PRODUCER_FENCED', 'TRANSACTIONAL_ID_AUTHORIZATION_FAILED']);
/** TxnOffsetCommit's answers to a member that is no longer the partition's owner (KIP-447). */
const STALE_MEMBER = new Set(['ILLEGAL_GENERATION', 'UNKNOWN_MEMBER_ID', 'FENCED_INSTANCE_ID', 'REBALANCE_IN_PROGRESS']);
const COORDINATOR_MOVED = new Set(['NOT_COORDINATOR', 'COORDINATOR_NOT_AVAILABLE', 'COORDINATOR_LOAD_IN_PROGRESS']);
const GROUP_COORDINATOR = 0;
const ACKS_ALL = -1;

function newProducer(base: BaseOptions, logger: Logger, transactionalId?: string): PlatformaticProducer {
  const producer = new PlatformaticProducer({
    ...base,
    idempotent: true,
    acks: ACKS_ALL,
    autocreateTopics: false,
    partitioner: createJavaCompatiblePartitioner(),
    // InitProducerId with the library's default (id 0, epoch 0) claims to be an existing producer
    // (KIP-360); for a transactional id in use the broker answers PRODUCER_FENCED, so a restarted
    // instance could never take over its own id. -1/-1 asks for a new epoch, which fences the older.
    // The library sends its request timeout (default 5 s) as the transaction timeout: a transaction
    // slowed by a busy broker would be aborted and this producer fenced. 30 s is KafkaJS's
    // request timeout; its transaction timeout here is 60 s.
    ...(transactionalId ? { transactionalId, producerId: -1n, producerEpoch: -1, timeout: 30_000 } : {}),
  });
  producer.on('error', (error: Error) => logger.warn({ err: error }, 'kafka producer error'));
  return producer;
}

async function sendChunks(send: (messages: ReturnType<typeof toMessages>) => Promise<unknown>, records: OutputRecord[]): Promise<void> {
  for (const chunk of chunkRecords(records)) await send(toMessages(chunk));
}

export function createPlatformaticProducer(base: BaseOptions, logger: Logger): Producer {
  const producer = newProducer(base, logger);
  return {
    // InitProducerId now, so an unreachable cluster fails here rather than at the first send.
    connect: async () => { await producer.initIdempotentProducer({}); },
    send: (records) => sendChunks((messages) => producer.send({ messages, acks: ACKS_ALL }), records),
    disconnect: () => producer.close(),
  };
}

/**
 * The library's TxnOffsetCommit reads group, generation, member and coordinator from a consumed
 * message's metadata and commits `offset + 1`: this builds that message for one partition.
 */
function offsetMessage(offset: TopicPartitionOffset, group: ConsumerGroupMetadata, coordinatorId: number): Message {
  return {
    topic: offset.topic,
    partition: offset.partition,
    offset: BigInt(offset.offset) - 1n,
    metadata: { consumer: { groupId: group.groupId, generationId: group.generationId, memberId: group.memberId, coordinatorId } },
  } as unknown as Message;
}

export function createPlatformaticTransactionalProducer(base: BaseOptions, transactionalId: string, logger: Logger): TransactionalProducer {
  let producer = newProducer(base, logger, transactionalId);
  const admin = new Admin(base);
  admin.on('error', (error: Error) => logger.warn({ err: error }, 'kafka admin error'));
  const coordinators = new Map<string, number>();
  let needsReinit = false;

  async function coordinatorOf(groupId: string): Promise<number> {
    const known = coordinators.get(groupId);
    if (known !== undefined) return known;
    const [found] = await admin.findCoordinator({ keyType: GROUP_COORDINATOR, keys: [groupId] });
    if (!found) throw new Error(`no coordinator found for consumer group ${groupId}`);
    coordinators.set(groupId, found.nodeId);
    return found.nodeId;
  }

  // InitProducerId (at the first beginTransaction) fences an older producer with this id and
  // makes the coordinator finish or abort its open transaction before our consumer reads offsets.
  async function connectAndFence(): Promise<void> {
    try {
      const empty = await producer.beginTransaction();
      await empty.cancel();
    } catch (error) {
      if (findPlatformaticError(error, FENCED)) throw new ProducerFencedError(error);
      throw error;
    }
  }

  // After a failed abort the library's transaction state is unknown: a fresh producer with the same
  // id bumps the epoch, which aborts whatever the old one left open.
  async function reinitialise(): Promise<void> {
    await producer.close(true).catch(() => undefined);
    producer = newProducer(base, logger, transactionalId);
    await connectAndFence();
    needsReinit = false;
  }

  async function commitOffsets(transaction: Transaction, offsets: TopicPartitionOffset[], group: ConsumerGroupMetadata): Promise<void> {
    const coordinatorId = await coordinatorOf(group.groupId);
    await transaction.addConsumer({ groupId: group.groupId } as never);
    // One partition after the other: the library deduplicates concurrent commit operations, and
    // two addOffset() calls in flight committed only the first partition, without an error.
    for (const offset of offsets) await transaction.addOffset(offsetMessage(offset, group, coordinatorId));
  }

  return {
    connect: connectAndFence,

    async sendInTransaction(records, offsets, group) {
      if (needsReinit) await reinitialise();
      let transaction: Transaction;
      try {
        transaction = await producer.beginTransaction();
      } catch (error) {
        if (findPlatformaticError(error, FENCED)) throw new ProducerFencedError(error);
        needsReinit = true;
        throw error;
      }
      try {
        await sendChunks((messages) => transaction.send({ messages, acks: ACKS_ALL }), records);
        await commitOffsets(transaction, offsets, group);
        await transaction.commit();
      } catch (error) {
        if (findPlatformaticError(error, FENCED)) throw new ProducerFencedError(error);
        if (findPlatformaticError(error, COORDINATOR_MOVED)) coordinators.delete(group.groupId);
        try {
          await transaction.abort();
        } catch (abortError) {
          if (findPlatformaticError(abortError, FENCED)) throw new ProducerFencedError(abortError);
          logger.warn({ err: abortError }, 'transaction abort failed; the transactional producer is re-initialised before the next attempt');
          needsReinit = true;
        }
        const stale = findPlatformaticError(error, STALE_MEMBER);
        // Fenced by generation (KIP-447): this member lost the partition; the new owner repeats the batch.
        if (stale) throw new GroupRebalanceError(stale);
        throw error;
      }
    },

    async disconnect() {
      await producer.close();
      await admin.close();
    },
  };
}
