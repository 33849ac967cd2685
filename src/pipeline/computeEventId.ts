// eventId (CONTRACT §3): lowercase hex SHA-256 of `<topic>/<partition>/<offset>`, so a record
// reprocessed after a restart or rebalance gets the same id and consumers can deduplicate.
// Hashing is computation, not I/O: fine in the pure core.
import * as crypto from 'node:crypto';

type OneShotHash = (algorithm: string, data: string, outputEncoding: 'hex') => string;
// crypto.hash (Node 20.12+, not yet in @types/node 20) hashes in one native call, without a Hash
// object per record: about a third of what createHash().update().digest() costs. Older Node 20
// releases take the long way.
const hashOnce = (crypto as unknown as { hash?: OneShotHash }).hash;

export function computeEventId(topic: string, partition: number, offset: string): string {
  const text = `${topic}/${partition}/${offset}`;
  return hashOnce !== undefined ? hashOnce('sha256', text, 'hex') : crypto.createHash('sha256').update(text).digest('hex');
}
