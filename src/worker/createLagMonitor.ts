// Consumer lag of this instance's partitions, read from the brokers (committed offsets vs high
// watermarks): two cheap admin requests per poll, whatever the record rate. The worker polls it
// with its other probes. Each instance reports only the partitions it owns, so summing over
// instances gives the group's lag.
import type { Logger } from 'pino';
import type { StreamAdmin } from '../kafka/streamClient.js';

export interface LagMonitor {
  /** Reads the lag now; a failed read is logged once and keeps the last values. */
  poll(): Promise<void>;
  /** Lag per owned partition from the last successful poll. */
  lag(): ReadonlyMap<number, number>;
}

export interface LagMonitorDeps {
  admin: StreamAdmin;
  groupId: string;
  topic: string;
  ownedPartitions(): readonly number[];
  onLag(partition: number, lag: number): void;
  logger: Logger;
}

export function createLagMonitor(deps: LagMonitorDeps): LagMonitor {
  let latest = new Map<number, number>();
  let failing = false;

  async function poll(): Promise<void> {
    try {
      const [watermarks, committed] = await Promise.all([
        deps.admin.fetchTopicOffsets(deps.topic),
        deps.admin.fetchCommittedOffsets(deps.groupId, deps.topic),
      ]);
      const owned = new Set(deps.ownedPartitions());
      const next = new Map<number, number>();
      for (const { partition, low, high } of watermarks) {
        if (!owned.has(partition)) continue;
        // No commit yet: the consumer starts at the earliest offset, so all of it is lag.
        const position = committed.get(partition) ?? low;
        const lag = Math.max(0, Number(BigInt(high) - BigInt(position)));
        next.set(partition, lag);
        deps.onLag(partition, lag);
      }
      // A partition given up in a rebalance reads 0 here (its new owner reports it), so the sum
      // over instances stays the group's lag.
      for (const partition of latest.keys()) if (!next.has(partition)) deps.onLag(partition, 0);
      latest = next;
      if (failing) deps.logger.info('lag polling works again');
      failing = false;
    } catch (error) {
      // Lag is a metric: a failed poll is logged once and keeps the last values.
      if (!failing) deps.logger.warn({ err: error }, 'lag polling failed; keeping the last values');
      failing = true;
    }
  }

  return { poll, lag: () => latest };
}
