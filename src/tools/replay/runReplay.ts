// `replay`: copy dead letters back to the input, up to the DLQ's end as it was at the start.
// Each segment of records is copied in one transaction together with the replay group's offset,
// so an interrupted replay (even kill -9) resumes where it stopped and copies nothing twice.
// The transactional id is the replay group's id, and the producer registers it before anything
// reads the group's offsets: that fences a killed run's producer and makes the coordinator finish
// its last transaction (abort an open one, complete one already committing), so the offsets read
// next are final. Read lazily, they could miss a commit still being completed and copy it again.
import { isRetriable, type RetriableError } from '../../errors.js';
import { standaloneGroup, type StreamClient, type TopicPartitionOffset, type TransactionalProducer } from '../../kafka/streamClient.js';
import type { InputRecord, OutputRecord } from '../../pipeline/types.js';
import { verifyTopicsExist } from '../../kafka/verifyTopics.js';
import { consumeTopic, type ConsumeEnd } from '../consume/consumeTopic.js';
import { chunkSizeForRate, createPacer, UNPACED } from '../pace/createPacer.js';
import type { Progress } from '../terminal/createProgress.js';
import { buildReplayRecord } from './buildReplayRecord.js';
import { decideReplay, type ReplayDecision, type ReplayFilter } from './decideReplay.js';
import { replayGroupId } from './replayGroupId.js';
import { createReplayTally, tallyReplay, totalReplayed, type ReplayTally } from './tallyReplay.js';

export interface ReplayOptions {
  from: string;
  to: string;
  filter: ReplayFilter;
  maxReplays: number;
  dryRun: boolean;
  rate?: number;
  /** Default: derived from from, to and the filters (replayGroupId). */
  groupId?: string;
  signal?: AbortSignal;
  /** Ends a run whose last records are transaction markers (never delivered as records). */
  idleMs?: number;
}

export interface ReplayDeps {
  client: StreamClient;
  /** A progress display for a run that will read `total` dead letters. */
  progressFor?: (total: number) => Progress;
  /** Told about a send or commit that failed for an outage, before the segment is tried again. */
  onRetry?: (error: Error) => void;
  now?: () => number;
}

export interface ReplaySummary extends ReplayTally {
  from: string;
  to: string;
  groupId: string;
  dryRun: boolean;
  replayed: number;
  end: ConsumeEnd;
  elapsedMs: number;
}

const SEGMENT_RECORDS = 1000;
const RETRY_MS = 1_000;

function segmentsOf(records: InputRecord[], size: number): InputRecord[][] {
  const segments: InputRecord[][] = [];
  for (let i = 0; i < records.length; i += size) segments.push(records.slice(i, i + size));
  return segments;
}

export async function runReplay(deps: ReplayDeps, options: ReplayOptions): Promise<ReplaySummary> {
  const now = deps.now ?? Date.now;
  const startedAt = now();
  await verifyTopicsExist(deps.client, [{ topic: options.from, source: '--from' }, { topic: options.to, source: '--to' }]);
  const groupId = options.groupId ?? replayGroupId(options.from, options.to, options.filter);
  const tally = createReplayTally();
  const pacer = options.rate === undefined ? UNPACED : createPacer(options.rate);
  const segmentSize = options.rate === undefined ? SEGMENT_RECORDS : chunkSizeForRate(options.rate, SEGMENT_RECORDS);
  /**
   * Per partition, the offset after the last segment handled (committed, or in a dry run counted):
   * a batch handed over again (a retry, or a rebalance's redelivery) skips what is done, so no
   * record is copied or counted twice within a run.
   */
  const handledUpTo = new Map<number, bigint>();
  let producer: TransactionalProducer | undefined;
  let fatal: unknown;
  let progress: Progress | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  interface Segment { partition: number; records: InputRecord[]; decisions: ReplayDecision[]; commitOffset: string }
  /** A segment whose send or commit failed: its commit may still have taken effect (a lost reply). */
  let uncertain: Segment | undefined;

  function markHandled({ partition, records, decisions, commitOffset }: Segment): void {
    handledUpTo.set(partition, BigInt(commitOffset));
    // Counted once the transaction committed: an interrupted run reports only what it did.
    records.forEach((record, i) => tallyReplay(tally, decisions[i] ?? { action: 'filtered' }, {
      partition, offset: record.offset, key: record.key === null ? null : record.key.toString('utf8'),
    }));
    progress?.update(tally.read);
  }

  async function copySegment(topic: string, partition: number, records: InputRecord[], commitOffset: string): Promise<void> {
    const decisions = records.map((record) => decideReplay(record, options.filter, options.maxReplays));
    const segment: Segment = { partition, records, decisions, commitOffset };
    if (producer) {
      const outputs: OutputRecord[] = [];
      records.forEach((record, i) => { if (decisions[i]?.action === 'replay') outputs.push(buildReplayRecord(record, options.to)); });
      await pacer.acquire(outputs.length);
      const offsets: TopicPartitionOffset[] = [{ topic, partition, offset: commitOffset }];
      try {
        await producer.sendInTransaction(outputs, offsets, standaloneGroup(groupId));
      } catch (error) {
        uncertain = segment;
        throw error;
      }
    }
    markHandled(segment);
  }

  /**
   * After a failed send or commit, before copying again: a fresh producer with the id makes the
   * coordinator settle the last transaction, whose commit may have taken effect although its reply
   * was lost. The group's offsets then say what is done; copying that segment again would double it.
   */
  async function settleUncertain(segment: Segment): Promise<void> {
    await producer?.disconnect().catch(() => undefined);
    producer = deps.client.createTransactionalProducer(groupId);
    await producer.connect();
    const admin = deps.client.createAdmin();
    await admin.connect();
    try {
      const committed = (await admin.fetchCommittedOffsets(groupId, options.from)).get(segment.partition);
      const done = handledUpTo.get(segment.partition) ?? -1n;
      if (committed !== undefined && BigInt(committed) >= BigInt(segment.commitOffset) && BigInt(segment.commitOffset) > done) markHandled(segment);
    } finally {
      await admin.disconnect();
    }
    uncertain = undefined;
  }

  let end: ConsumeEnd;
  try {
    if (!options.dryRun) {
      producer = deps.client.createTransactionalProducer(groupId);
      await producer.connect();
    }
    end = await consumeTopic({
      client: deps.client,
      topic: options.from,
      // A dry run must not join the real group (it would take partitions from a running replay).
      groupId: options.dryRun ? `${groupId}.dry-run.${now().toString(36)}` : groupId,
      offsetsGroupId: groupId,
      onStart: (total) => { progress = deps.progressFor?.(total); },
      fromBeginning: true,
      untilEnd: true,
      idleMs: options.idleMs ?? 10_000,
      ...(options.signal ? { signal: options.signal } : {}),
      // One batch at a time, even when a rebalance has KafkaJS hand over a batch while a stale
      // one is still copying: the second then sees the first's commit and skips those records.
      handle: (batch) => serially(async () => {
        try {
          if (uncertain) await settleUncertain(uncertain);
          const done = handledUpTo.get(batch.partition) ?? -1n;
          const records = batch.records.filter((record) => BigInt(record.offset) >= done);
          const segments = segmentsOf(records, segmentSize);
          for (const [index, segment] of segments.entries()) {
            if (options.signal?.aborted) return { kind: 'stop' };
            const last = index === segments.length - 1;
            await copySegment(batch.topic, batch.partition, segment, last ? batch.nextOffset : String(BigInt((segment.at(-1) as InputRecord).offset) + 1n));
          }
        } catch (error) {
          // Only an outage is retried. Anything else (fenced, a bug) ends the run with its error:
          // thrown out of the handler it would only be retried, and the run resumes where it stopped.
          if (!isRetriable(error)) {
            fatal = error;
            return { kind: 'stop' };
          }
          deps.onRetry?.(error as RetriableError);
          return { kind: 'retry', afterMs: RETRY_MS };
        }
        return { kind: 'continue' };
      }),
    });
  } finally {
    await producer?.disconnect();
  }
  if (fatal !== undefined) throw fatal;
  progress?.finish(tally.read);
  return {
    from: options.from, to: options.to, groupId, dryRun: options.dryRun, ...tally,
    replayed: totalReplayed(tally), end, elapsedMs: now() - startedAt,
  };
}
