// Consumer lag of this instance's partitions, read from the brokers (committed offsets vs high
// watermarks): two cheap admin requests per poll, whatever the record rate. The worker polls it
// with its other probes. Each instance reports only the partitions it owns, so summing over
// instances gives the group's lag.
// Lag in seconds beside it: how old the oldest unprocessed record is (0 without lag). Its
// timestamp comes from the consumer (createRecordAgeTracker); a backlog the consumer has not
// fetched yet (a stalled fetch) counts from the first poll that saw it, a lower bound that keeps
// growing, so an alert on seconds fires for a stuck consumer too.
import type { Logger } from 'pino';
import type { StreamAdmin } from '../kafka/streamClient.js';

export interface LagMonitor {
  /** Reads the lag now; a failed read is logged once and keeps the last values. */
  poll(): Promise<void>;
  /** Lag per owned partition from the last successful poll. */
  lag(): ReadonlyMap<number, number>;
  /** Lag in seconds per owned partition from the last successful poll. */
  lagSeconds(): ReadonlyMap<number, number>;
}

export interface LagMonitorDeps {
  admin: StreamAdmin;
  groupId: string;
  topic: string;
  ownedPartitions(): readonly number[];
  onLag(partition: number, lag: number, seconds: number): void;
  /** Timestamp (epoch ms) of the oldest unprocessed record the consumer knows of. */
  oldestUnprocessed?(partition: number): number | undefined;
  clock?: () => number;
  logger: Logger;
}

/**
 * Lag in seconds of one partition: 0 without lag; else the age of the oldest unprocessed record
 * the consumer knows of; else (a backlog it has not fetched) the time since a poll first saw it.
 */
export function computeLagSeconds(lag: number, oldestTimestamp: number | undefined, backlogSeenAt: number | undefined, now: number): number {
  if (lag === 0) return 0;
  // A producer clock ahead of ours would make the age negative.
  if (oldestTimestamp !== undefined) return Math.max(0, now - oldestTimestamp) / 1000;
  return Math.max(0, now - (backlogSeenAt ?? now)) / 1000;
}

export function createLagMonitor(deps: LagMonitorDeps): LagMonitor {
  let latest = new Map<number, number>();
  let latestSeconds = new Map<number, number>();
  // When a poll first saw a backlog whose records the consumer has not fetched.
  const backlogSeen = new Map<number, number>();
  let failing = false;
  const clock = deps.clock ?? Date.now;

  function secondsBehind(partition: number, lag: number, now: number): number {
    const oldest = lag === 0 ? undefined : deps.oldestUnprocessed?.(partition);
    const seen = lag === 0 || oldest !== undefined ? undefined : backlogSeen.get(partition) ?? now;
    if (seen === undefined) backlogSeen.delete(partition);
    else backlogSeen.set(partition, seen);
    return computeLagSeconds(lag, oldest, seen, now);
  }

  async function poll(): Promise<void> {
    try {
      const [watermarks, committed] = await Promise.all([
        deps.admin.fetchTopicOffsets(deps.topic),
        deps.admin.fetchCommittedOffsets(deps.groupId, deps.topic),
      ]);
      const owned = new Set(deps.ownedPartitions());
      const next = new Map<number, number>();
      const nextSeconds = new Map<number, number>();
      const now = clock();
      for (const { partition, low, high } of watermarks) {
        if (!owned.has(partition)) continue;
        // No commit yet: the consumer starts at the earliest offset, so all of it is lag.
        const position = committed.get(partition) ?? low;
        const lag = Math.max(0, Number(BigInt(high) - BigInt(position)));
        const seconds = secondsBehind(partition, lag, now);
        next.set(partition, lag);
        nextSeconds.set(partition, seconds);
        deps.onLag(partition, lag, seconds);
      }
      // A partition given up in a rebalance reads 0 here (its new owner reports it), so the sum
      // over instances stays the group's lag.
      for (const partition of latest.keys()) {
        if (next.has(partition)) continue;
        deps.onLag(partition, 0, 0);
        backlogSeen.delete(partition);
      }
      latest = next;
      latestSeconds = nextSeconds;
      if (failing) deps.logger.info('lag polling works again');
      failing = false;
    } catch (error) {
      // Lag is a metric: a failed poll is logged once and keeps the last values.
      if (!failing) deps.logger.warn({ err: error }, 'lag polling failed; keeping the last values');
      failing = true;
    }
  }

  return { poll, lag: () => latest, lagSeconds: () => latestSeconds };
}
