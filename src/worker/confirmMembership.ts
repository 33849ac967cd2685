// The last check before an exactly-once transaction commits: is this instance still the owner of
// the batch's partition? A process that was frozen past the session timeout (SIGSTOP, a long GC,
// a hung dependency) wakes up mid-batch believing it still is; its first heartbeat tells it
// otherwise. KafkaJS sends the heartbeat only when its interval has passed since the last one,
// so on a live member this costs at most one round trip per heartbeat interval.
import { GroupRebalanceError, type BatchControl } from '../kafka/streamClient.js';

export async function confirmMembership(control: BatchControl): Promise<void> {
  if (!control.isActive()) {
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
