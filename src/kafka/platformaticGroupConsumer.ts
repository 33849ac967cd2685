// The GroupConsumer of streamClient.ts on @platformatic/kafka. The library's message stream has
// no per-partition batches, pauses only as a whole and cannot seek, so this runs its own fetch
// loop on Consumer.fetch(): the library keeps the group membership (join, heartbeats on their own
// timer, rejoin), this loop keeps a position per partition. A batch the handler defers keeps its
// position and is fetched again after the pause: never skipped, never reordered. A fetch or a
// batch from an older generation (a rebalance happened meanwhile) is dropped, and positions are
// read again from the committed offsets, as a freshly assigned member would.
import { Admin, Consumer, type BaseOptions } from '@platformatic/kafka';
import type { Logger } from 'pino';
import { findPlatformaticError, isPlatformaticTransientError } from './platformaticErrorChain.js';
import { fetchPartitions, readStartPositions, resetOutOfRange } from './platformaticPositions.js';
import { createPrefetcher } from './platformaticPrefetch.js';
import {
  GroupRebalanceError,
  type BatchHandler, type BatchResult, type ConsumedBatch, type GroupAssignment, type GroupConsumer, type GroupConsumerOptions,
} from './streamClient.js';

const HANDLER_ERROR_RETRY_MS = 1_000;
const MAX_BACKOFF_MS = 10_000;
const OUT_OF_RANGE = new Set(['OFFSET_OUT_OF_RANGE']);

export function createPlatformaticGroupConsumer(base: BaseOptions, options: GroupConsumerOptions, logger: Logger): GroupConsumer {
  const sessionTimeout = options.sessionTimeoutMs ?? 30_000;
  const maxWaitTime = options.maxWaitTimeMs ?? 500;
  const concurrency = Math.max(1, options.partitionsConsumedConcurrently ?? 1);
  const consumer = new Consumer({
    ...base,
    groupId: options.groupId,
    sessionTimeout,
    rebalanceTimeout: Math.max(sessionTimeout, 60_000),
    heartbeatInterval: Math.max(1_000, Math.floor(sessionTimeout / 10)),
    autocommit: false,
    autocreateTopics: false,
    maxWaitTime,
  });
  // Committed offsets are read with requireStable, which only the Admin API lets us ask for.
  const admin = new Admin(base);
  const assignmentListeners: Array<(assignment: GroupAssignment[]) => void> = [];
  const crashListeners: Array<(error: Error) => void> = [];
  let topic = '';
  let assigned: number[] = [];
  /** The generation `positions` belong to; -1 = to be read from the committed offsets. */
  let positionsGeneration = -1;
  const positions = new Map<number, bigint>();
  const pausedUntil = new Map<number, number>();
  let stopping = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  const prefetcher = createPrefetcher((wanted) => fetchPartitions(consumer, topic, wanted, maxWaitTime, options.maxBytesPerPartition));

  const idle = (ms: number): Promise<void> => new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      wake = undefined;
      resolve();
    }
    wake = done;
  });

  consumer.on('error', (error: Error) => logger.warn({ err: error }, 'kafka consumer error'));
  admin.on('error', (error: Error) => logger.warn({ err: error }, 'kafka admin error'));
  consumer.on('consumer:heartbeat:error', ({ error }) => logger.debug({ err: error, groupId: options.groupId }, 'heartbeat failed'));
  consumer.on('consumer:group:join', ({ assignments }) => {
    const all = (assignments ?? []).map(({ topic: t, partitions }) => ({ topic: t, partitions: [...partitions] }));
    assigned = all.filter((a) => a.topic === topic).flatMap((a) => a.partitions).sort((a, b) => a - b);
    positionsGeneration = -1;
    pausedUntil.clear();
    for (const listener of assignmentListeners) listener(all);
    wake?.();
  });

  const isCurrent = (generation: number): boolean =>
    !stopping && consumer.generationId === generation && positionsGeneration === generation;

  async function handleOne(batch: ConsumedBatch, generation: number, memberId: string, eachBatch: BatchHandler): Promise<void> {
    const control = {
      // Heartbeats run on the library's own timer, independent of the handler.
      heartbeat: async () => undefined,
      isActive: () => isCurrent(generation) && assigned.includes(batch.partition),
      groupMetadata: () => ({ groupId: options.groupId, generationId: generation, memberId }),
    };
    let result: BatchResult;
    try {
      result = await eachBatch(batch, control);
    } catch (error) {
      if (error instanceof GroupRebalanceError) {
        // The library rejoins by itself; positions are read again from the commits.
        positionsGeneration = -1;
        return;
      }
      logger.error({ err: error, topic: batch.topic, partition: batch.partition }, 'batch handler failed; retrying the batch');
      result = { kind: 'retry', afterMs: HANDLER_ERROR_RETRY_MS };
    }
    if (!isCurrent(generation)) return; // rebalanced meanwhile: the commits decide where to go on
    if (result.kind === 'done') positions.set(batch.partition, BigInt(batch.nextOffset));
    else pausedUntil.set(batch.partition, Date.now() + result.afterMs);
  }

  async function step(eachBatch: BatchHandler): Promise<void> {
    const generation = consumer.generationId;
    const memberId = consumer.memberId ?? '';
    if (!consumer.isActive()) return idle(maxWaitTime); // (re)joining
    if (positionsGeneration !== generation) {
      const start = await readStartPositions(admin, consumer, options.groupId, options.fromBeginning, topic, assigned);
      if (consumer.generationId !== generation) return;
      positions.clear();
      for (const [partition, offset] of start) positions.set(partition, offset);
      positionsGeneration = generation;
      return;
    }
    const now = Date.now();
    const ready = assigned.filter((p) => (pausedUntil.get(p) ?? 0) <= now);
    if (ready.length === 0) {
      const nextResume = Math.min(...assigned.map((p) => pausedUntil.get(p) ?? now + maxWaitTime));
      return idle(Math.max(1, Math.min(maxWaitTime, nextResume - now)));
    }
    const wanted = ready.map((p) => ({ partition: p, offset: positions.get(p)! }));
    const batches = await prefetcher.take(generation, wanted);
    // Stopping: batches fetched now stay unhandled, to be fetched again after a restart. A
    // response from before a rebalance is dropped (its records may belong to another member now).
    if (!isCurrent(generation)) return;
    const after = new Map(batches.map((batch) => [batch.partition, BigInt(batch.nextOffset)]));
    prefetcher.start(generation, wanted.map(({ partition, offset }) => ({ partition, offset: after.get(partition) ?? offset })));
    for (let i = 0; i < batches.length; i += concurrency) {
      await Promise.all(batches.slice(i, i + concurrency).map((batch) => handleOne(batch, generation, memberId, eachBatch)));
      if (!isCurrent(generation)) return;
    }
  }

  async function runLoop(eachBatch: BatchHandler): Promise<void> {
    let failures = 0;
    while (!stopping) {
      try {
        await step(eachBatch);
        failures = 0;
      } catch (error) {
        if (stopping) break;
        if (findPlatformaticError(error, OUT_OF_RANGE)) {
          // A commit below the log start (retention) or past the end: back inside the log.
          await resetOutOfRange(consumer, topic, positions).catch(() => undefined);
          continue;
        }
        if (!isPlatformaticTransientError(error) && findPlatformaticError(error, new Set(['TOPIC_AUTHORIZATION_FAILED', 'GROUP_AUTHORIZATION_FAILED']))) {
          for (const listener of crashListeners) listener(error as Error);
          return;
        }
        failures += 1;
        logger.warn({ err: error, topic, groupId: options.groupId }, 'fetch failed; retrying');
        await idle(Math.min(MAX_BACKOFF_MS, 200 * 2 ** Math.min(failures, 6)));
      }
    }
  }

  return {
    // The library connects on first use; a metadata request makes an unreachable cluster fail here.
    connect: async () => { await consumer.metadata({ topics: [] }); },

    async run(runTopic, eachBatch) {
      topic = runTopic;
      consumer.topics.trackAll(topic);
      await consumer.joinGroup({});
      loop = runLoop(eachBatch);
    },

    async commit(offsets) {
      // The library retries a commit refused for a rebalance after rejoining, under the new
      // generation; a batch fetched in the old one must not commit there.
      if (positionsGeneration !== consumer.generationId || !consumer.isActive()) {
        throw new GroupRebalanceError(new Error('the group generation changed while the batch was handled'));
      }
      try {
        await consumer.commit({ offsets: offsets.map(({ topic: t, partition, offset }) => ({ topic: t, partition, offset: BigInt(offset), leaderEpoch: -1 })) });
      } catch (error) {
        const rejoin = findPlatformaticError(error, new Set(['REBALANCE_IN_PROGRESS', 'ILLEGAL_GENERATION', 'UNKNOWN_MEMBER_ID', 'NOT_COORDINATOR']));
        throw rejoin ? new GroupRebalanceError(rejoin) : error;
      }
    },

    async disconnect() {
      stopping = true;
      wake?.();
      // The batch in hand finishes (and commits) first; then the member leaves the group.
      await loop?.catch(() => undefined);
      await consumer.close();
      await admin.close();
    },

    onAssignment(listener) {
      assignmentListeners.push(listener);
    },

    onCrash(listener) {
      crashListeners.push(listener);
    },
  };
}
