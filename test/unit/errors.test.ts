// The error model: what is retriable, what is fatal, and one line for any thrown value.
import { describe, expect, it } from 'vitest';
import {
  BrokerUnavailableError, describeError, FatalError, GroupRebalanceError, isFatal, isRetriable, ProducerFencedError, RetriableError,
} from '../../src/errors.js';
import { RegistryHttpError, RegistryUnavailableError, SchemaNotPrefetchedError } from '../../src/registry/registryErrors.js';
import { MissingTopicsError } from '../../src/kafka/verifyTopics.js';

describe('isRetriable', () => {
  it.each<[string, unknown, boolean]>([
    ['a broker outage', new BrokerUnavailableError(new Error('connect ECONNREFUSED')), true],
    ['a registry outage', new RegistryUnavailableError('schema registry unavailable'), true],
    ['a schema not prefetched', new SchemaNotPrefetchedError(7), true],
    ['a rebalance', new GroupRebalanceError(new Error('REBALANCE_IN_PROGRESS')), true],
    ['fencing', new ProducerFencedError(new Error('PRODUCER_FENCED')), false],
    ['a definite registry answer', new RegistryHttpError('POST', '/subjects/x/versions', 409, 409, 'incompatible'), false],
    ['a missing topic', new MissingTopicsError([{ topic: 't', source: 'INPUT_TOPIC' }]), false],
    // The bug of issue 10: a TypeError from the send path was waited out as "brokers unavailable".
    ['a TypeError', new TypeError("Cannot read properties of null (reading 'length')"), false],
    // A library's own flag is not trusted: only its adapter may declare an outage.
    ['a foreign error flagged retriable', Object.assign(new Error('KafkaJSConnectionError'), { retriable: true }), false],
    ['a plain object flagged retriable', { retriable: true, message: 'x' }, false],
    ['a string', 'boom', false],
    ['undefined', undefined, false],
  ])('%s → %s', (_name, error, expected) => {
    expect(isRetriable(error)).toBe(expected);
  });

  it('isFatal only for FatalError and its subclasses', () => {
    expect(isFatal(new ProducerFencedError('x'))).toBe(true);
    expect(isFatal(new FatalError('stop'))).toBe(true);
    expect(isFatal(new RetriableError('wait'))).toBe(false);
    expect(isFatal(new Error('bug'))).toBe(false);
  });

  it('names each class after itself and keeps the cause', () => {
    const cause = new Error('INVALID_PRODUCER_EPOCH');
    const fenced = new ProducerFencedError(cause);
    expect(fenced).toMatchObject({ name: 'ProducerFencedError', retriable: false, cause });
    expect(fenced.message).toContain('INVALID_PRODUCER_EPOCH');
    expect(new BrokerUnavailableError('x').name).toBe('BrokerUnavailableError');
    expect(new GroupRebalanceError('x').name).toBe('GroupRebalanceError');
    expect(new RegistryUnavailableError('x').name).toBe('RegistryUnavailableError');
  });
});

describe('describeError', () => {
  it.each<[string, unknown, string]>([
    ['an Error', new Error('boom'), 'boom'],
    ['an Error without a message', new TypeError(''), 'TypeError'],
    ["fetch's failure with a system code in its cause", new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) }), 'fetch failed: ECONNREFUSED'],
    ['a code already in the message', new Error('connect ECONNREFUSED 127.0.0.1:1', { cause: { code: 'ECONNREFUSED' } }), 'connect ECONNREFUSED 127.0.0.1:1'],
    ['a numeric code (a Kafka protocol code) is not appended', new Error('fenced', { cause: { code: 47 } }), 'fenced'],
    ['an error-like object', { message: 'like an error' }, 'like an error'],
    ['a string', 'plain text', 'plain text'],
    ['a number', 42, '42'],
    ['null', null, 'null'],
    ['undefined', undefined, 'undefined'],
    ['an object', { a: 1 }, '{"a":1}'],
  ])('%s', (_name, error, expected) => {
    expect(describeError(error)).toBe(expected);
  });

  it('describes a value JSON cannot hold', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(describeError(cyclic)).toBe('[object Object]');
    expect(describeError(10n)).toBe('10');
  });
});
