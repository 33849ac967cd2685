// The pure parts of the @platformatic/kafka adapter: which Node runs it, what its errors mean,
// where a key lands, and how a fetch response becomes a ConsumedBatch. (None imports the library,
// so these run on Node 20 too.)
import fc from 'fast-check';
import { Partitioners, type PartitionerArgs } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { nodeRunsPlatformatic } from '../../../src/config/platformaticNodeSupport.js';
import { findPlatformaticError, isPlatformaticTransientError } from '../../../src/kafka/platformaticErrorChain.js';
import { createJavaCompatiblePartitioner, toConsumedBatch, toPlatformaticHeaders } from '../../../src/kafka/platformaticRecords.js';
import { retryDelayMs } from '../../../src/kafka/platformaticRetryDelay.js';

// Shaped as the library builds them: a MultipleErrors of every attempt, protocol errors inside.
const protocolError = (apiId: string, canRetry: boolean) => Object.assign(new Error(apiId), { code: 'PLT_KFK_PROTOCOL', apiId, canRetry });
const multiple = (...errors: Error[]) => Object.assign(new AggregateError(errors, 'failed'), { code: 'PLT_KFK_MULTIPLE' });

describe('nodeRunsPlatformatic', () => {
  it.each([
    ['20.20.2', false], ['22.21.9', false], ['22.22.0', true], ['v22.23.3', true], ['23.11.0', false],
    ['24.5.0', false], ['24.6.0', true], ['25.1.0', true],
  ])('%s → %s', (version, expected) => expect(nodeRunsPlatformatic(version)).toBe(expected));
});

describe('platformatic errors', () => {
  it('finds a protocol error nested in retries and causes', () => {
    const error = multiple(new Error('first'), Object.assign(new Error('wrapped'), { cause: protocolError('ILLEGAL_GENERATION', false) }));
    expect(findPlatformaticError(error, new Set(['ILLEGAL_GENERATION']))).toMatchObject({ apiId: 'ILLEGAL_GENERATION' });
    expect(findPlatformaticError(error, new Set(['PRODUCER_FENCED']))).toBeUndefined();
  });

  it('counts network errors, timeouts and retriable protocol errors as outages, never authentication or authorisation', () => {
    expect(isPlatformaticTransientError(multiple(Object.assign(new Error('ECONNREFUSED'), { code: 'PLT_KFK_NETWORK', canRetry: true })))).toBe(true);
    expect(isPlatformaticTransientError(Object.assign(new Error('t'), { code: 'PLT_KFK_TIMEOUT' }))).toBe(true);
    expect(isPlatformaticTransientError(multiple(protocolError('NOT_LEADER_OR_FOLLOWER', true)))).toBe(true);
    expect(isPlatformaticTransientError(protocolError('INVALID_PRODUCER_EPOCH', false))).toBe(false);
    expect(isPlatformaticTransientError(multiple(Object.assign(new Error('n'), { code: 'PLT_KFK_NETWORK' }), protocolError('TOPIC_AUTHORIZATION_FAILED', false)))).toBe(false);
    expect(isPlatformaticTransientError(Object.assign(new Error('auth'), { code: 'PLT_KFK_AUTHENTICATION' }))).toBe(false);
    expect(isPlatformaticTransientError(new Error('plain'))).toBe(false);
  });

  it('retries CONCURRENT_TRANSACTIONS after 20 ms, other errors with a growing delay', () => {
    expect(retryDelayMs(1, multiple(protocolError('CONCURRENT_TRANSACTIONS', true)))).toBe(20);
    expect(retryDelayMs(1, new Error('x'))).toBe(300);
    expect(retryDelayMs(3, new Error('x'))).toBe(1200);
    expect(retryDelayMs(30, new Error('x'))).toBe(10_000);
  });
});

describe('createJavaCompatiblePartitioner', () => {
  it('puts every key on the partition KafkaJS (the Java client) picks, once the library takes it modulo the count', () => {
    const ours = createJavaCompatiblePartitioner();
    const theirs = Partitioners.DefaultPartitioner();
    const metadata = (count: number): PartitionerArgs['partitionMetadata'] =>
      Array.from({ length: count }, (_, partitionId) => ({ partitionErrorCode: 0, partitionId, leader: 0, replicas: [0], isr: [0] }));
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)), fc.integer({ min: 1, max: 200 }), (key, count) => {
      expect(ours(undefined, key) % count).toBe(theirs({ topic: 't', partitionMetadata: metadata(count), message: { key, value: null } }));
    }), { numRuns: 3000 });
  });

  it('spreads keyless records round robin', () => {
    const ours = createJavaCompatiblePartitioner();
    const picked = new Set(Array.from({ length: 8 }, () => ours(undefined, undefined) % 4));
    expect(picked.size).toBe(4);
  });
});

describe('toPlatformaticHeaders', () => {
  it('keeps repeated names apart and null values null, in order', () => {
    const map = toPlatformaticHeaders([{ key: 'a', value: Buffer.from('1') }, { key: 'b', value: null }, { key: 'a', value: Buffer.from('2') }]);
    expect([...map].map(([key, value]) => [key.toString(), value === null ? null : value.toString()])).toEqual([['a', '1'], ['b', null], ['a', '2']]);
  });
});

describe('toConsumedBatch', () => {
  const record = (offsetDelta: number, headers: Array<[Buffer | null, Buffer | null]> = []) => ({
    length: 0, attributes: 0, timestampDelta: BigInt(offsetDelta), offsetDelta, key: Buffer.from(`k${offsetDelta}`), value: Buffer.from(`v${offsetDelta}`), headers,
  });
  const batch = (firstOffset: bigint, count: number, attributes = 0) => ({
    firstOffset, length: 0, partitionLeaderEpoch: 0, magic: 2, crc: 0, attributes, lastOffsetDelta: count - 1,
    firstTimestamp: 1_000n, maxTimestamp: 2_000n, producerId: -1n, producerEpoch: -1, firstSequence: 0,
    records: Array.from({ length: count }, (_, i) => record(i)),
  });

  it('leaves out records before the fetch offset and transaction markers, and passes the markers in nextOffset', () => {
    const consumed = toConsumedBatch({ topic: 't', partition: 1, fetchOffset: 12n, highWatermark: 20n, batches: [batch(10n, 4), batch(14n, 1, 0x20)] });
    expect(consumed?.records.map((r) => r.offset)).toEqual(['12', '13']);
    expect(consumed?.records[0]).toMatchObject({ topic: 't', partition: 1, timestamp: 1_002, key: Buffer.from('k2'), value: Buffer.from('v2') });
    expect(consumed?.nextOffset).toBe(15n);
  });

  it('reports a batch of markers only as no records with a nextOffset past them, and nothing new as undefined', () => {
    expect(toConsumedBatch({ topic: 't', partition: 0, fetchOffset: 5n, highWatermark: 6n, batches: [batch(5n, 1, 0x20)] })).toEqual({ records: [], nextOffset: 6n });
    expect(toConsumedBatch({ topic: 't', partition: 0, fetchOffset: 6n, highWatermark: 6n, batches: [batch(5n, 1)] })).toBeUndefined();
    expect(toConsumedBatch({ topic: 't', partition: 0, fetchOffset: 6n, highWatermark: 6n, batches: [] })).toBeUndefined();
  });

  it('keeps null header values and repeated header names as Kafka has them', () => {
    const withHeaders = { ...batch(0n, 1), records: [record(0, [[Buffer.from('a'), Buffer.from('1')], [Buffer.from('a'), null], [Buffer.from('b'), Buffer.alloc(0)]])] };
    const consumed = toConsumedBatch({ topic: 't', partition: 0, fetchOffset: 0n, highWatermark: 1n, batches: [withHeaders] });
    expect(consumed?.records[0]?.headers).toEqual([{ key: 'a', value: Buffer.from('1') }, { key: 'a', value: null }, { key: 'b', value: Buffer.alloc(0) }]);
  });

  it('leaves out an aborted transaction also when the response was cut before its abort marker', () => {
    const transactional = (firstOffset: bigint, count: number, producerId: bigint) => ({ ...batch(firstOffset, count, 0x10), producerId });
    const abortMarker = { ...batch(4n, 1, 0x30), producerId: 7n, records: [{ ...record(0), key: Buffer.from([0, 0, 0, 0]) }] };
    const committed = transactional(0n, 2, 8n);
    // Producer 7 aborted [2, 4) with its marker at 4, then opened another aborted one at 5 whose marker is not here yet.
    const consumed = toConsumedBatch({
      topic: 't', partition: 0, fetchOffset: 0n, highWatermark: 9n,
      batches: [committed, transactional(2n, 2, 7n), abortMarker, transactional(5n, 2, 7n), transactional(7n, 1, 8n)],
      abortedTransactions: [{ producerId: 7n, firstOffset: 2n }, { producerId: 7n, firstOffset: 5n }],
    });
    expect(consumed?.records.map((r) => r.offset)).toEqual(['0', '1', '7']);
    expect(consumed?.nextOffset).toBe(8n);
  });

  it('uses the batch time for log-append-time topics', () => {
    const consumed = toConsumedBatch({ topic: 't', partition: 0, fetchOffset: 0n, highWatermark: 2n, batches: [batch(0n, 2, 0x08)] });
    expect(consumed?.records.map((r) => r.timestamp)).toEqual([2_000, 2_000]);
  });
});
