// Every record Kafka accepts is enriched or dead-lettered, never retried for ever (CONTRACT §4):
// null key, null (tombstone) or empty value, header values that are null, empty, binary or
// repeated, empty header names, 500 headers. Written by a plain KafkaJS producer and read back
// by a plain KafkaJS consumer: what a client of the topics sees.
import type { IHeaders } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { projectSchemas } from '../../src/schemas/avroSchemas.js';
import { createFixtureProducer } from '../helpers/stack.js';
import { waitFor } from '../helpers/waitFor.js';
import {
  avroWriter, callbackRecord, collect, committedRecords, createWorkerTopics, decodeEnriched, headerText, workerEnv,
} from './workerHarness.js';
import { metricValue, startInProcess } from './workerProcesses.js';

const ODD_HEADERS: IHeaders = {
  a: [Buffer.from('first'), null as unknown as Buffer, Buffer.from('third')],
  '': Buffer.alloc(0),
  empty: Buffer.alloc(0),
  binary: Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x0a]),
  nothing: null as unknown as Buffer,
  'ünïcødé name': Buffer.from('v'),
};

/** 500 headers, every seventh value null, some names repeated. */
function manyHeaders(): IHeaders {
  const headers: Record<string, Array<Buffer | null>> = {};
  for (let i = 0; i < 500; i += 1) (headers[`h${i % 450}`] ??= []).push(i % 7 === 0 ? null : Buffer.from(`value-${i}`));
  return Object.fromEntries(Object.entries(headers).map(([key, values]) => [key, values.length === 1 ? values[0] : values])) as IHeaders;
}

/** The input's headers, as a reader sees them, are all in `read` with the same values in the same order. */
function expectHeadersKept(read: IHeaders, sent: IHeaders): void {
  for (const [key, value] of Object.entries(sent)) expect(read[key], `header ${JSON.stringify(key)}`).toEqual(value);
}

describe('every legal record is enriched or dead-lettered', () => {
  it.each(['at_least_once', 'exactly_once'])('%s: odd keys, values and headers reach the output or the DLQ as they came', async (guarantee) => {
    const topics = await createWorkerTopics(`legal-${guarantee === 'exactly_once' ? 'eos' : 'alo'}`);
    const writer = await avroWriter(`${topics.input}-value`, projectSchemas().schemas.callback);
    const many = manyHeaders();
    const sent = [
      { key: 'odd-headers', value: writer.encode(callbackRecord({ id: 'odd-headers' })), headers: ODD_HEADERS },
      { key: 'many-headers', value: writer.encode(callbackRecord({ id: 'many-headers' })), headers: many },
      { key: null, value: writer.encode(callbackRecord({ id: 'null-key' })), headers: { n: null as unknown as Buffer } },
      { key: 'tombstone', value: null, headers: { t: null as unknown as Buffer, u: Buffer.from('x') } },
      { key: 'empty-value', value: Buffer.alloc(0), headers: ODD_HEADERS },
      { key: 'not-avro', value: Buffer.from('not avro'), headers: many },
    ];
    const producer = createFixtureProducer('test-legal-producer');
    await producer.connect();
    try {
      await producer.send({ topic: topics.input, acks: -1, messages: sent });
    } finally {
      await producer.disconnect();
    }

    const running = await startInProcess(workerEnv(topics, { PROCESSING_GUARANTEE: guarantee }));
    const out = await collect([topics.output, topics.dlq]);
    try {
      await waitFor(() => out.messages.length === sent.length, { timeoutMs: 60_000, message: () => `all ${sent.length} records out (have ${out.messages.length})` });
      await waitFor(async () => (await committedRecords(running.config.groupId, topics.input)) === sent.length, { message: 'every offset committed' });
    } finally {
      await out.stop();
      await running.stop();
    }

    const output = out.on(topics.output);
    expect(output.map((m) => decodeEnriched(m.value).callback.id)).toEqual(['odd-headers', 'many-headers', 'null-key']);
    expectHeadersKept(output[0]!.headers, ODD_HEADERS);
    expectHeadersKept(output[1]!.headers, many);
    expect(output[2]!.key).toBeNull();
    expect(output[2]!.headers.n).toBeNull();

    const dlq = out.on(topics.dlq);
    expect(dlq.map((m) => [m.key?.toString() ?? null, headerText(m.headers, 'dlq.reason')])).toEqual([
      ['tombstone', 'MAGIC_BYTE'], ['empty-value', 'MAGIC_BYTE'], ['not-avro', 'MAGIC_BYTE'],
    ]);
    expect(dlq[0]!.value).toBeNull();
    expectHeadersKept(dlq[0]!.headers, { t: null as unknown as Buffer, u: Buffer.from('x') });
    expect(dlq[1]!.value).toEqual(Buffer.alloc(0));
    expectHeadersKept(dlq[1]!.headers, ODD_HEADERS);
    expect(dlq[2]!.value).toEqual(Buffer.from('not avro'));
    expectHeadersKept(dlq[2]!.headers, many);

    const metrics = await running.metrics.metricsText();
    for (const stage of ['prefetch', 'process', 'deliver']) expect(metricValue(metrics, 'callback_enricher_unexpected_errors_total', { stage })).toBe(0);
    expect(running.logs.filter((l) => l.level === 50)).toEqual([]);
  });
});
