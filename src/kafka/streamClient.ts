// The project's own small view of a Kafka client. Everything outside src/kafka/ talks to Kafka
// through these types, so KafkaJS (in maintenance mode) can be swapped for another client
// (@confluentinc/kafka-javascript, @platformatic/kafka) by writing one new adapter.
// Adapters throw the error model of src/errors.ts: outages as RetriableError, fencing as
// ProducerFencedError, rebalances as GroupRebalanceError; anything else is not known to be an outage.
import type { InputRecord, OutputRecord } from '../pipeline/types.js';

// Re-exported: the rebalance error belongs to the error model, and callers knew it from here.
export { GroupRebalanceError, ProducerFencedError } from '../errors.js';

export interface TopicPartitionOffset {
  topic: string;
  partition: number;
  /** The next offset to read, as Kafka commits it (last processed offset + 1). */
  offset: string;
}

/** The records one fetch returned for one partition, in offset order. */
export interface ConsumedBatch {
  topic: string;
  partition: number;
  highWatermark: string;
  records: InputRecord[];
  /**
   * The offset to commit once the whole batch is handled. It can lie past the last record:
   * transaction markers and aborted records are filtered out but still have to be passed.
   */
  nextOffset: string;
}

/** What the handler decided about a batch. */
export type BatchResult =
  /** Every record was handled and its offset committed: move on. */
  | { kind: 'done' }
  /**
   * An outage (registry, broker): nothing of the batch counts as handled. The adapter pauses the
   * partition for `afterMs`, then fetches the same records again. Never skips, never reorders.
   */
  | { kind: 'retry'; afterMs: number };

/**
 * Who consumed a batch: the group, and the member and generation it was fetched in. A transactional
 * offset commit that carries these (KIP-447) is refused by the broker once the member has lost the
 * partition, which fences a "zombie" that slept through a rebalance.
 */
export interface ConsumerGroupMetadata {
  groupId: string;
  /** -1 when the client does not expose it. */
  generationId: number;
  /** '' when the client does not expose it. */
  memberId: string;
}

/** A group whose offsets are committed by a tool that is not a group member (replay): no fencing by generation. */
export function standaloneGroup(groupId: string): ConsumerGroupMetadata {
  return { groupId, generationId: -1, memberId: '' };
}

export interface BatchControl {
  /** Keep the group membership alive during long work. */
  heartbeat(): Promise<void>;
  /** False once the consumer is stopping or the partition was revoked or re-positioned. */
  isActive(): boolean;
  /** The group membership this batch was fetched under (for the transactional offset commit). */
  groupMetadata(): ConsumerGroupMetadata;
}

export type BatchHandler = (batch: ConsumedBatch, control: BatchControl) => Promise<BatchResult>;

export interface GroupAssignment {
  topic: string;
  partitions: number[];
}

/** KafkaJS's and the Java consumer's max.partition.fetch.bytes. */
export const DEFAULT_FETCH_MAX_BYTES_PER_PARTITION = 1024 * 1024;

export interface GroupConsumerOptions {
  groupId: string;
  /** Where a partition without a committed offset starts. */
  fromBeginning: boolean;
  /** Session timeout of the group membership; a dead member is noticed after this long. */
  sessionTimeoutMs?: number;
  /** Longest wait of an idle fetch (default 500 ms); also the resume delay of a paused partition. */
  maxWaitTimeMs?: number;
  /** Most bytes one fetch brings per partition (default 1 MiB; a larger record still comes whole). */
  maxBytesPerPartition?: number;
  /** Batches of different partitions handled at once (1 keeps a single transaction in flight). */
  partitionsConsumedConcurrently?: number;
}

export interface GroupConsumer {
  connect(): Promise<void>;
  /** Subscribes and starts the fetch loop; resolves once running (not when it ends). */
  run(topic: string, eachBatch: BatchHandler): Promise<void>;
  /**
   * Commits offsets in the group (at-least-once; exactly-once commits through the transaction).
   * Throws GroupRebalanceError when the group is rebalancing.
   */
  commit(offsets: TopicPartitionOffset[]): Promise<void>;
  /** Stops fetching, waits for the batch in hand, leaves the group, closes connections. */
  disconnect(): Promise<void>;
  /** Called with this member's partitions each time it (re)joins the group. */
  onAssignment(listener: (assignment: GroupAssignment[]) => void): void;
  /** Called when the consumer gives up for good (it has already retried and restarted itself). */
  onCrash(listener: (error: Error) => void): void;
}

export interface Producer {
  connect(): Promise<void>;
  /** All records in one request per broker; resolves when all are acknowledged (acks=all). */
  send(records: OutputRecord[]): Promise<void>;
  disconnect(): Promise<void>;
}

export interface TransactionalProducer {
  /** Connects and initialises the transactional id, which fences an older producer with the same id. */
  connect(): Promise<void>;
  /**
   * One transaction: the records and the group's offsets commit together or not at all. On any
   * error the transaction is aborted (or the producer re-initialised) before the error is thrown.
   */
  sendInTransaction(
    records: OutputRecord[], offsets: TopicPartitionOffset[], group: ConsumerGroupMetadata,
    /**
     * Called after the records and offsets are sent, right before the commit; when it throws,
     * the transaction is aborted and its error thrown. The worker checks its group membership here.
     */
    beforeCommit?: () => Promise<void>,
  ): Promise<void>;
  disconnect(): Promise<void>;
}

export interface PartitionOffsets {
  partition: number;
  low: string;
  high: string;
}

export interface NewTopic {
  topic: string;
  partitions: number;
  config?: Record<string, string>;
}

export interface StreamAdmin {
  connect(): Promise<void>;
  listTopics(): Promise<string[]>;
  createTopics(topics: NewTopic[]): Promise<void>;
  /** Low and high watermarks of every partition of a topic. */
  fetchTopicOffsets(topic: string): Promise<PartitionOffsets[]>;
  /** The group's committed offsets on a topic; partitions without a commit are absent. */
  fetchCommittedOffsets(groupId: string, topic: string): Promise<Map<number, string>>;
  disconnect(): Promise<void>;
}

/**
 * How a client's transactional offset commit keeps a zombie (an instance that lost its partitions
 * and does not know yet) from committing:
 *  'group-generation': the commit carries the consumer's generation and member id (KIP-447), so
 *    the broker refuses a stale member's commit; one transactional producer per instance suffices.
 *  'transactional-id': it does not (KafkaJS), so the worker fences by transactional id alone, with
 *    one transactional producer per input partition (Kafka Streams' scheme before KIP-447).
 */
export type ZombieFencing = 'group-generation' | 'transactional-id';

export interface StreamClient {
  /** Absent means 'transactional-id', which is safe on every client. */
  readonly zombieFencing?: ZombieFencing;
  createGroupConsumer(options: GroupConsumerOptions): GroupConsumer;
  /** An idempotent producer (acks=all), which keeps per-partition order across its retries. */
  createProducer(): Producer;
  createTransactionalProducer(transactionalId: string): TransactionalProducer;
  createAdmin(): StreamAdmin;
  /**
   * The adapter's own classifier of its library's raw errors: true for "the cluster is not reachable
   * right now" (connection refused, timeouts, leader elections), unlike authentication or
   * authorisation errors. The adapter's objects already throw such errors as the model's
   * RetriableError; callers decide with isRetriable (src/errors.ts), not with this.
   */
  isTransientError(error: unknown): boolean;
}
