// The KafkaJS adapter's translation into the error model, on error shapes KafkaJS 2.2.4 throws
// (the chain of wrapped errors as its retrier builds it), and the null header value its encoder
// (patched: patches/kafkajs+2.2.4.patch) writes as Kafka's null.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { BrokerUnavailableError, GroupRebalanceError, isRetriable, ProducerFencedError } from '../../../src/errors.js';
import { kafkaJsToModelError } from '../../../src/kafka/kafkaJsToModelError.js';
import { withModelErrors } from '../../../src/kafka/withModelErrors.js';

describe('kafkaJsToModelError', () => {
  it('turns a connection error a few layers down into BrokerUnavailableError (retriable)', () => {
    const raw = { name: 'KafkaJSNumberOfRetriesExceeded', retriable: false, message: 'retries exceeded', originalError: { name: 'KafkaJSConnectionError', message: 'Connection error: connect ECONNREFUSED' } };
    const translated = kafkaJsToModelError(raw);
    expect(translated).toBeInstanceOf(BrokerUnavailableError);
    expect(isRetriable(translated)).toBe(true);
    expect((translated as Error).cause).toBe(raw);
  });

  it('turns a leader or coordinator move into an outage', () => {
    expect(kafkaJsToModelError({ name: 'KafkaJSProtocolError', type: 'NOT_LEADER_OR_FOLLOWER', retriable: true })).toBeInstanceOf(BrokerUnavailableError);
    expect(kafkaJsToModelError({ name: 'KafkaJSRequestTimeoutError', retriable: true })).toBeInstanceOf(BrokerUnavailableError);
  });

  it('turns fencing into ProducerFencedError, also when wrapped', () => {
    const wrapped = { name: 'KafkaJSNonRetriableError', cause: { name: 'KafkaJSProtocolError', type: 'INVALID_PRODUCER_EPOCH', retriable: false } };
    expect(kafkaJsToModelError(wrapped)).toBeInstanceOf(ProducerFencedError);
  });

  it('passes a bug on untouched: a TypeError KafkaJS bailed out with is not an outage', () => {
    const bug = new TypeError('The "string" argument must be of type string or an instance of Buffer. Received null');
    const bailed = Object.assign(new Error(bug.message), { name: 'KafkaJSNonRetriableError', retriable: false, cause: bug });
    expect(kafkaJsToModelError(bailed)).toBe(bailed);
    expect(isRetriable(kafkaJsToModelError(bailed))).toBe(false);
    expect(kafkaJsToModelError(bug)).toBe(bug);
  });

  it('leaves errors of the model as they are', () => {
    const rebalance = new GroupRebalanceError('REBALANCE_IN_PROGRESS');
    expect(kafkaJsToModelError(rebalance)).toBe(rebalance);
  });

  it('authorisation and authentication failures stay non-retriable', () => {
    expect(isRetriable(kafkaJsToModelError({ name: 'KafkaJSSASLAuthenticationError', retriable: false }))).toBe(false);
    expect(isRetriable(kafkaJsToModelError({ name: 'KafkaJSProtocolError', type: 'TOPIC_AUTHORIZATION_FAILED', retriable: false }))).toBe(false);
  });
});

describe('withModelErrors', () => {
  it("translates a method's rejection and passes results and synchronous returns through", async () => {
    const listeners: string[] = [];
    const target = {
      ok: async (x: number) => x + 1,
      fails: async () => { throw { name: 'KafkaJSConnectionError', message: 'down' }; },
      bug: async () => { throw new TypeError('bug'); },
      on: (name: string) => { listeners.push(name); return 'registered'; },
    };
    const wrapped = withModelErrors(target, kafkaJsToModelError);
    await expect(wrapped.ok(1)).resolves.toBe(2);
    await expect(wrapped.fails()).rejects.toBeInstanceOf(BrokerUnavailableError);
    await expect(wrapped.bug()).rejects.toBeInstanceOf(TypeError);
    expect(wrapped.on('x')).toBe('registered');
    expect(listeners).toEqual(['x']);
  });
});

describe('KafkaJS record encoder (patched)', () => {
  // KafkaJS 2.2.4 unpatched throws a TypeError sizing a null header value (Buffer.byteLength(null)).
  const require = createRequire(import.meta.url);
  const encodeRecord = require('kafkajs/src/protocol/recordBatch/record/v0/index.js') as (record: object) => { buffer: Buffer };
  const decodeRecord = require('kafkajs/src/protocol/recordBatch/record/v0/decoder.js') as (decoder: object, batchContext: object) => { headers: Record<string, unknown> };
  const Decoder = require('kafkajs/src/protocol/decoder.js') as new (buffer: Buffer) => { readVarInt(): number };

  it('writes a null header value as Kafka null (length -1) and reads it back as null', () => {
    const headers = { a: [Buffer.from('1'), null, Buffer.from([0, 255])], '': Buffer.alloc(0), n: null };
    const { buffer } = encodeRecord({ key: null, value: null, headers });
    const decoder = new Decoder(buffer);
    decoder.readVarInt(); // the record's length prefix
    const decoded = decodeRecord(decoder, { firstOffset: '0', firstTimestamp: '0' });
    expect(decoded.headers).toEqual({ a: [Buffer.from('1'), null, Buffer.from([0, 255])], '': Buffer.alloc(0), n: null });
  });
});
