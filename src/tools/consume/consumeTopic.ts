// Reading a topic for the tools, on the project's GroupConsumer. "To the end" means up to the
// high watermarks read at the start, so a topic that keeps growing still ends the run. Where the
// log ends in transaction markers no batch ever reports reaching the end (KafkaJS hides batches
// of control records), so a run also ends after `idleMs` without records once the group is joined.
import type { ConsumedBatch, StreamClient } from '../../kafka/streamClient.js';

export type BatchVerdict = { kind: 'continue' } | { kind: 'stop' } | { kind: 'retry'; afterMs: number };

export interface ConsumeTopicOptions {
  client: StreamClient;
  topic: string;
  groupId: string;
  /**
   * The group whose commits mark where reading starts (default: groupId). A dry run reads in a
   * throw-away group from the beginning and skips what the real group has already done.
   */
  offsetsGroupId?: string;
  /** Told how many records lie between the start and the end (only with `untilEnd`). */
  onStart?: (remaining: number) => void;
  /** Where a partition without a committed offset starts. */
  fromBeginning: boolean;
  /** true: stop at the high watermarks of the start; false: follow until `signal` aborts. */
  untilEnd: boolean;
  idleMs: number;
  signal?: AbortSignal;
  /**
   * One batch, cut to the records below the end when `untilEnd`; its `nextOffset` is then at most
   * the end, so it is the offset to commit once the batch is handled.
   */
  handle(batch: ConsumedBatch): Promise<BatchVerdict>;
}

const SESSION_TIMEOUT_MS = 10_000;

export type ConsumeEnd = 'reachedEnd' | 'idle' | 'stopped' | 'interrupted';

/** Partition → [start, end) still to read, from the group's commits and the watermarks. */
async function remainingRanges(options: ConsumeTopicOptions): Promise<Map<number, { next: bigint; end: bigint }>> {
  const admin = options.client.createAdmin();
  await admin.connect();
  try {
    const watermarks = await admin.fetchTopicOffsets(options.topic);
    const committed = await admin.fetchCommittedOffsets(options.offsetsGroupId ?? options.groupId, options.topic);
    const ranges = new Map<number, { next: bigint; end: bigint }>();
    for (const { partition, low, high } of watermarks) {
      const start = committed.get(partition) ?? (options.fromBeginning ? low : high);
      // A commit below the low watermark (retention removed records) starts at the low one.
      const next = BigInt(start) < BigInt(low) ? BigInt(low) : BigInt(start);
      if (next < BigInt(high)) ranges.set(partition, { next, end: BigInt(high) });
    }
    return ranges;
  } finally {
    await admin.disconnect();
  }
}

/** The batch's records within [next, end), and the offset after them (never past the end). */
function cutToRange(batch: ConsumedBatch, range: { next: bigint; end: bigint }): ConsumedBatch {
  const nextOffset = BigInt(batch.nextOffset);
  return {
    ...batch,
    records: batch.records.filter((record) => BigInt(record.offset) >= range.next && BigInt(record.offset) < range.end),
    nextOffset: String(nextOffset < range.end ? nextOffset : range.end),
  };
}

export async function consumeTopic(options: ConsumeTopicOptions): Promise<ConsumeEnd> {
  const pending = options.untilEnd ? await remainingRanges(options) : undefined;
  if (pending) options.onStart?.(Number([...pending.values()].reduce((sum, { next, end }) => sum + end - next, 0n)));
  if (pending?.size === 0) return 'reachedEnd';
  if (options.signal?.aborted) return 'interrupted';

  let finish!: (end: ConsumeEnd) => void;
  let crashed: Error | undefined;
  const finished = new Promise<ConsumeEnd>((resolve) => { finish = resolve; });
  let idleTimer: NodeJS.Timeout | undefined;
  const armIdle = (): void => {
    if (!options.untilEnd) return;
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => finish('idle'), options.idleMs);
  };
  const onAbort = (): void => finish('interrupted');
  options.signal?.addEventListener('abort', onAbort, { once: true });

  // A short session: a rerun after a crash (replay's resume) waits this long for the dead member.
  const consumer = options.client.createGroupConsumer({ groupId: options.groupId, fromBeginning: options.fromBeginning, sessionTimeoutMs: SESSION_TIMEOUT_MS });
  consumer.onAssignment(armIdle);
  consumer.onCrash((error) => {
    crashed = error;
    finish('stopped');
  });
  let done = false;
  await consumer.connect();
  try {
    await consumer.run(options.topic, async (batch) => {
      if (done) return { kind: 'done' };
      const range = pending?.get(batch.partition);
      if (pending && !range) return { kind: 'done' }; // this partition already reached its end
      // Quiet means no records arriving, not a slow handler (replay --rate): no timer meanwhile.
      clearTimeout(idleTimer);
      const cut = range ? cutToRange(batch, range) : batch;
      let verdict: BatchVerdict;
      try {
        verdict = await options.handle(cut);
      } finally {
        if (!done) armIdle();
      }
      if (verdict.kind === 'retry') return { kind: 'retry', afterMs: verdict.afterMs };
      if (range) range.next = BigInt(cut.nextOffset) > range.next ? BigInt(cut.nextOffset) : range.next;
      if (range && range.next >= range.end) pending?.delete(batch.partition);
      if (verdict.kind === 'stop' || pending?.size === 0) {
        done = true;
        finish(verdict.kind === 'stop' ? 'stopped' : 'reachedEnd');
      }
      return { kind: 'done' };
    });
    const end = await finished;
    if (crashed) throw crashed;
    return end;
  } finally {
    done = true;
    clearTimeout(idleTimer);
    options.signal?.removeEventListener('abort', onAbort);
    await consumer.disconnect();
  }
}
