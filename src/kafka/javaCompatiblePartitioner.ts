// KafkaJS's DefaultPartitioner, same answers, a fraction of the cost. Its murmur2 does every
// 32-bit multiply through a Long object, which made the partitioner about a quarter of the send
// path's CPU (BENCHMARKS.md, produce). Math.imul gives the same low 32 bits directly. Keys land
// on the partition the Java client picks (Utils.murmur2 & 0x7fffffff % partitions), so per-key
// order holds across mixed producers; a unit test compares it with KafkaJS's own partitioner.
import { randomInt } from 'node:crypto';
import type { ICustomPartitioner, PartitionerArgs } from 'kafkajs';

const SEED = 0x9747b28c;
const M = 0x5bd1e995;

/** Kafka's murmur2 (org.apache.kafka.common.utils.Utils.murmur2) as a signed 32-bit int. */
export function murmur2(data: Uint8Array): number {
  const length = data.length;
  let h = SEED ^ length;
  const wholeWords = length & ~3;
  for (let i = 0; i < wholeWords; i += 4) {
    let k = data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M) ^ k;
  }
  const tail = length & 3;
  if (tail > 0) {
    if (tail === 3) h ^= data[wholeWords + 2]! << 16;
    if (tail >= 2) h ^= data[wholeWords + 1]! << 8;
    h ^= data[wholeWords]!;
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

const toPositive = (x: number): number => x & 0x7fffffff;

const keyBytes = (key: Buffer | string): Uint8Array => (typeof key === 'string' ? Buffer.from(key) : key);

/**
 * Explicit partition → it; a key → murmur2 of the key over all partitions; no key → round robin
 * over the partitions that have a leader, from a random start per topic (KafkaJS's rules).
 */
export const JavaCompatiblePartitioner: ICustomPartitioner = () => {
  const counters = new Map<string, number>();
  return ({ topic, partitionMetadata, message }: PartitionerArgs): number => {
    if (message.partition !== null && message.partition !== undefined) return message.partition;
    const partitions = partitionMetadata.length;
    if (message.key !== null && message.key !== undefined) return toPositive(murmur2(keyBytes(message.key))) % partitions;
    const counter = (counters.get(topic) ?? randomInt(0x7fffffff)) + 1;
    counters.set(topic, counter);
    const available = partitionMetadata.filter((partition) => partition.leader >= 0);
    return available.length > 0 ? available[toPositive(counter) % available.length]!.partitionId : toPositive(counter) % partitions;
  };
};
