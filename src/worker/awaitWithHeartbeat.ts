// Keeps the group membership alive while a batch waits (a slow registry, a long send): KafkaJS
// heartbeats only between batches, so a wait longer than the session timeout would get this member
// expelled and its partitions handed to another while it still holds them.
import { GroupRebalanceError } from '../errors.js';
import type { BatchControl } from '../kafka/streamClient.js';

export interface HeartbeatOptions {
  intervalMs: number;
  /**
   * Stop waiting as soon as a heartbeat learns of a rebalance (throws GroupRebalanceError), so the
   * consumer rejoins in time. Only for work that may be left running (a registry lookup); a send
   * or transaction must be awaited to its end.
   */
  abandonOnRebalance: boolean;
}

export async function awaitWithHeartbeat<T>(work: Promise<T>, control: Pick<BatchControl, 'heartbeat'>, options: HeartbeatOptions): Promise<T> {
  let reportRebalance: (error: unknown) => void = () => undefined;
  const rebalanced = new Promise<never>((_, reject) => { reportRebalance = reject; });
  rebalanced.catch(() => undefined); // settled after the race is over: not an unhandled rejection
  const timer = setInterval(() => {
    control.heartbeat().catch((error: unknown) => {
      // Other heartbeat failures (a broker away) change nothing: the work is awaited as before.
      if (error instanceof GroupRebalanceError && options.abandonOnRebalance) reportRebalance(error);
    });
  }, options.intervalMs);
  try {
    return await Promise.race([work, rebalanced]);
  } finally {
    clearInterval(timer);
  }
}
