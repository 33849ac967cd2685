// The last check before an exactly-once transaction commits: is this instance still the owner of
// the batch's partition? A process that was frozen past the session timeout (SIGSTOP, a long GC,
// a hung dependency) wakes up mid-batch believing it still is; its first heartbeat tells it
// otherwise. KafkaJS sends the heartbeat only when its interval has passed since the last one,
// so on a live member this costs at most one round trip per heartbeat interval.
import { GroupRebalanceError, type BatchControl } from '../kafka/streamClient.js';

/**
 * `stopping`: the worker is shutting down gracefully. The consumer then reports its batches
 * inactive, but it is still the group member that owns them, and the batch in hand is meant to be
 * finished and committed; the heartbeat still tells whether that is so.
 */
export async function confirmMembership(control: BatchControl, stopping: () => boolean): Promise<void> {
  if (!control.isActive() && !stopping()) {
    throw new GroupRebalanceError(new Error('the batch is stale: its partition was revoked or the consumer is stopping'));
  }
  try {
    await control.heartbeat();
  } catch (error) {
    // Expelled (UNKNOWN_MEMBER_ID), a stale generation or a rebalance under way: the commit must
    // not happen. The cause goes along so the consumer rejoins at once.
    throw new GroupRebalanceError(error);
  }
}
