// The project's own small view of a Kafka client. Everything outside src/kafka/ talks to Kafka
// through these types, so KafkaJS (in maintenance mode) can be swapped for another client
// (@confluentinc/kafka-javascript, @platformatic/kafka) by writing one new adapter.
import type { InputRecord, OutputRecord } from '../pipeline/types.js';

/**
 * The group is rebalancing (or this member's generation is stale): a commit cannot succeed now.
 * Not an outage: a batch handler rethrows it, and the consumer rejoins the group; the partition's
 * new owner repeats the uncommitted batch.
 */
export class GroupRebalanceError extends Error {
  constructor(cause: unknown) {
    super(`consumer group is rebalancing: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'GroupRebalanceError';
  }
}

/** Another producer with our transactional id took over: this one must stop, not fight back. */
export class ProducerFencedError extends Error {
  readonly retriable = false;
  constructor(cause: unknown) {
    super(`producer fenced: another instance uses the same transactional id (${String((cause as Error)?.message ?? cause)})`, { cause });
    this.name = 'ProducerFencedError';
  }
}

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

export interface GroupConsumerOptions {
  groupId: string;
  /** Where a partition without a committed offset starts. */
  fromBeginning: boolean;
  /** Session timeout of the group membership; a dead member is noticed after this long. */
  sessionTimeoutMs?: number;
  /** Longest wait of an idle fetch (default 500 ms); also the resume delay of a paused partition. */
  maxWaitTimeMs?: number;
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
  sendInTransaction(records: OutputRecord[], offsets: TopicPartitionOffset[], group: ConsumerGroupMetadata): Promise<void>;
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

export interface StreamClient {
  createGroupConsumer(options: GroupConsumerOptions): GroupConsumer;
  /** An idempotent producer (acks=all), which keeps per-partition order across its retries. */
  createProducer(): Producer;
  createTransactionalProducer(transactionalId: string): TransactionalProducer;
  createAdmin(): StreamAdmin;
  /**
   * True for errors that mean "the cluster is not reachable right now" (connection refused,
   * timeouts, leader elections): worth waiting out, unlike authentication or authorisation errors.
   */
  isTransientError(error: unknown): boolean;
}
