// Our partitioner must put every key exactly where KafkaJS's DefaultPartitioner (the Java
// client's murmur2) puts it: a difference would split a key's records across partitions.
import fc from 'fast-check';
import { Partitioners, type PartitionerArgs } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { JavaCompatiblePartitioner, murmur2 } from '../../../src/kafka/javaCompatiblePartitioner.js';

const metadata = (count: number, leaderless: number[] = []): PartitionerArgs['partitionMetadata'] =>
  Array.from({ length: count }, (_, partitionId) => ({
    partitionErrorCode: 0, partitionId, leader: leaderless.includes(partitionId) ? -1 : 0, replicas: [0], isr: [0],
  }));

describe('JavaCompatiblePartitioner', () => {
  it('picks the partition KafkaJS DefaultPartitioner picks for any key and partition count', () => {
    const ours = JavaCompatiblePartitioner();
    const theirs = Partitioners.DefaultPartitioner();
    fc.assert(fc.property(
      fc.oneof(fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)), fc.string({ maxLength: 40 }), fc.uuid()),
      fc.integer({ min: 1, max: 200 }),
      (key, count) => {
        const args = { topic: 't', partitionMetadata: metadata(count), message: { key, value: null } };
        expect(ours(args)).toBe(theirs(args));
      },
    ), { numRuns: 3000 });
  });

  it('matches murmur2 values of the Java client (Kafka UtilsTest)', () => {
    // From org.apache.kafka.common.utils.UtilsTest#testMurmur2.
    const cases: Array<[string, number]> = [
      ['21', -973932308], ['foobar', -790332482], ['a-little-bit-long-string', -985981536],
      ['a-little-bit-longer-string', -1486304829], ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
      ['abc', 479470107],
    ];
    for (const [text, expected] of cases) expect(murmur2(Buffer.from(text))).toBe(expected);
  });

  it('honours an explicit partition and spreads keyless records over partitions with a leader', () => {
    const partition = JavaCompatiblePartitioner();
    expect(partition({ topic: 't', partitionMetadata: metadata(4), message: { key: 'k', value: null, partition: 2 } })).toBe(2);
    const picked = new Set<number>();
    for (let i = 0; i < 12; i++) {
      picked.add(partition({ topic: 't', partitionMetadata: metadata(4, [1]), message: { value: null } }));
    }
    expect([...picked].sort()).toEqual([0, 2, 3]);
  });
});
