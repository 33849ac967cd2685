// The pure parts of the KafkaJS adapter: send chunking and grouping, header conversion, which
// errors count as an outage, and the log level KafkaJS gets.
import { logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { isKafkaJsTransientError } from '../../../src/kafka/isKafkaJsTransientError.js';
import { findKafkaJsErrorOfType } from '../../../src/kafka/kafkaJsErrorChain.js';
import { toKafkaJsLogLevel } from '../../../src/kafka/kafkaJsLogCreator.js';
import { chunkRecords, toTopicMessages } from '../../../src/kafka/kafkaJsProducers.js';
import { toHeaders, toKafkaJsHeaders } from '../../../src/kafka/toInputRecord.js';
import type { OutputRecord } from '../../../src/pipeline/types.js';
import { textHeaders } from '../../helpers/headers.js';

const record = (topic: string, n: number, bytes = 10): OutputRecord => ({
  topic, key: Buffer.from(`k${n}`), value: Buffer.alloc(bytes, n), headers: textHeaders({ n: String(n) }),
});

describe('chunkRecords', () => {
  it('keeps every record, in order, with each chunk under the limit unless one record alone exceeds it', () => {
    const records = Array.from({ length: 50 }, (_, i) => record('t', i, i === 20 ? 5000 : 300));
    const chunks = chunkRecords(records, 1000);
    expect(chunks.flat()).toEqual(records);
    for (const chunk of chunks) {
      const size = chunk.reduce((sum, r) => sum + (r.value?.length ?? 0) + 70, 0);
      expect(chunk.length === 1 || size <= 1000 + 100).toBe(true);
    }
    expect(chunks.some((chunk) => chunk.length === 1 && chunk[0]!.value!.length === 5000)).toBe(true);
  });

  it('gives no chunk for no records', () => {
    expect(chunkRecords([])).toEqual([]);
  });
});

describe('toTopicMessages', () => {
  it('groups by topic and keeps the order within each topic', () => {
    const grouped = toTopicMessages([record('a', 1), record('b', 2), record('a', 3), record('b', 4)]);
    expect(grouped.map((g) => g.topic)).toEqual(['a', 'b']);
    expect(grouped[0]!.messages.map((m) => m.key!.toString())).toEqual(['k1', 'k3']);
    expect(grouped[1]!.messages.map((m) => m.key!.toString())).toEqual(['k2', 'k4']);
  });
});

describe('toHeaders', () => {
  it('turns strings into Buffers, keeps the last value of a repeated key, drops undefined', () => {
    const headers = toHeaders({ a: 'x', b: Buffer.from('y'), c: ['1', Buffer.from('2')], d: undefined });
    expect(headers.map(({ key, value }) => [key, value?.toString() ?? null])).toEqual([['a', 'x'], ['b', 'y'], ['c', '1'], ['c', '2']]);
  });
});

describe('toKafkaJsHeaders', () => {
  it('gives a repeated key its values in order as an array, keeps null, and takes any key name', () => {
    const headers = toKafkaJsHeaders([
      { key: 'a', value: Buffer.from('1') }, { key: 'b', value: null }, { key: 'a', value: null },
      { key: '__proto__', value: Buffer.from('p') }, { key: 'a', value: Buffer.from('3') }, { key: 'b', value: Buffer.from('2') },
    ]);
    expect(Object.keys(headers)).toEqual(['a', 'b', '__proto__']);
    const text = (value: unknown): unknown => (Array.isArray(value) ? value.map(text) : (value as Buffer | null)?.toString() ?? null);
    expect(Object.keys(headers).map((key) => [key, text(headers[key])])).toEqual([['a', ['1', null, '3']], ['b', [null, '2']], ['__proto__', 'p']]);
  });

  it('round-trips through toHeaders when each key is met once', () => {
    const headers = [{ key: 'x', value: Buffer.from('1') }, { key: 'y', value: null }];
    expect(toHeaders(toKafkaJsHeaders(headers))).toEqual(headers);
  });
});

describe('isKafkaJsTransientError', () => {
  it.each([
    [{ name: 'KafkaJSConnectionError', retriable: true }, true],
    [{ name: 'KafkaJSNumberOfRetriesExceeded', retriable: false, originalError: { name: 'KafkaJSConnectionError' } }, true],
    [{ name: 'KafkaJSProtocolError', type: 'LEADER_NOT_AVAILABLE', retriable: true }, true],
    // What a transaction's AddPartitionsToTxn threw while the only broker restarted (CI, 2026-11-29).
    [{ name: 'KafkaJSNonRetriableError', retriable: false, cause: { name: 'KafkaJSGroupCoordinatorNotFound', retriable: false } }, true],
    [{ name: 'KafkaJSSASLAuthenticationError', retriable: false }, false],
    [{ name: 'KafkaJSProtocolError', type: 'TOPIC_AUTHORIZATION_FAILED', retriable: false }, false],
    [{ name: 'KafkaJSNumberOfRetriesExceeded', originalError: { name: 'KafkaJSProtocolError', type: 'GROUP_AUTHORIZATION_FAILED' } }, false],
    [new Error('something else'), false],
    [undefined, false],
  ])('%j → %s', (error, transient) => {
    expect(isKafkaJsTransientError(error)).toBe(transient);
  });
});

describe('findKafkaJsErrorOfType', () => {
  const REBALANCE = new Set(['REBALANCE_IN_PROGRESS']);
  const rebalance = { name: 'KafkaJSProtocolError', type: 'REBALANCE_IN_PROGRESS' };

  it('finds the protocol error itself, or wrapped in originalError (exhausted retry) or cause (bail)', () => {
    expect(findKafkaJsErrorOfType(rebalance, REBALANCE)).toBe(rebalance);
    expect(findKafkaJsErrorOfType({ name: 'KafkaJSNumberOfRetriesExceeded', originalError: rebalance }, REBALANCE)).toBe(rebalance);
    expect(findKafkaJsErrorOfType({ name: 'KafkaJSNonRetriableError', cause: { cause: rebalance } }, REBALANCE)).toBe(rebalance);
  });

  it('answers undefined for other types, non-errors and an error that wraps itself', () => {
    const cyclic: Record<string, unknown> = { name: 'KafkaJSError' };
    cyclic.cause = cyclic;
    expect(findKafkaJsErrorOfType({ ...rebalance, type: 'NOT_LEADER_OR_FOLLOWER' }, REBALANCE)).toBeUndefined();
    expect(findKafkaJsErrorOfType(cyclic, REBALANCE)).toBeUndefined();
    expect(findKafkaJsErrorOfType(undefined, REBALANCE)).toBeUndefined();
    expect(findKafkaJsErrorOfType('REBALANCE_IN_PROGRESS', REBALANCE)).toBeUndefined();
  });
});

describe('toKafkaJsLogLevel', () => {
  it('keeps KafkaJS at WARN unless the worker logs at debug or below', () => {
    expect(toKafkaJsLogLevel('info')).toBe(logLevel.WARN);
    expect(toKafkaJsLogLevel('warn')).toBe(logLevel.WARN);
    expect(toKafkaJsLogLevel('error')).toBe(logLevel.ERROR);
    expect(toKafkaJsLogLevel('debug')).toBe(logLevel.INFO);
    expect(toKafkaJsLogLevel('trace')).toBe(logLevel.DEBUG);
    expect(toKafkaJsLogLevel('silent')).toBe(logLevel.NOTHING);
  });
});
