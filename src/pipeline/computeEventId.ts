// eventId (CONTRACT §3): lowercase hex SHA-256 of `<topic>/<partition>/<offset>`, so a record
// reprocessed after a restart or rebalance gets the same id and consumers can deduplicate.
// Hashing is computation, not I/O: fine in the pure core.
import { createHash } from 'node:crypto';

export function computeEventId(topic: string, partition: number, offset: string): string {
  return createHash('sha256').update(`${topic}/${partition}/${offset}`).digest('hex');
}
