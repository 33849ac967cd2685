// OpenTelemetry end to end on the real stack, with the SDK's in-memory exporter registered as an
// operator would register an SDK: a record produced with a W3C traceparent goes through the
// worker (in-process) and its output, route and DLQ records carry the worker's span context in the
// same trace; the spans have the messaging attributes; dead letters and outages are marked.
import { propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { IHeaders } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectSchemas } from '../../src/schemas/avroSchemas.js';
import { runCli } from '../helpers/runCli.js';
import { createFixtureProducer, stackEnv } from '../helpers/stack.js';
import { waitFor } from '../helpers/waitFor.js';
import { avroWriter, callbackRecord, collect, createWorkerTopics, workerEnv } from './workerHarness.js';
import { startInProcess } from './workerProcesses.js';
import { startTcpProxy } from './workerTcpProxy.js';

const exporter = new InMemorySpanExporter();

beforeAll(() => {
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
});

afterAll(() => {
  trace.disable();
  propagation.disable();
});

const TRACE_A = '4bf92f3577b34da6a3ce929d0e0e4736';
const TRACE_B = '0af7651916cd43dd8448eb211c80319c';
const traceparent = (traceId: string, spanId: string): string => `00-${traceId}-${spanId}-01`;

/** Every value of a header (KafkaJS gives a repeated key as an array). */
function headerValues(headers: IHeaders, key: string): string[] {
  const value = headers[key];
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(String);
}

function parseTraceparent(value: string): { traceId: string; spanId: string } {
  const [, traceId, spanId] = value.split('-');
  return { traceId: traceId!, spanId: spanId! };
}

async function send(topic: string, messages: Array<{ key: string; value: Buffer; headers?: IHeaders }>): Promise<void> {
  const producer = createFixtureProducer('test-trace-producer');
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages: messages.map((m) => ({ ...m, partition: 0 })) });
  } finally {
    await producer.disconnect();
  }
}

const spanById = (spanId: string): ReadableSpan | undefined => exporter.getFinishedSpans().find((span) => span.spanContext().spanId === spanId);

describe('OpenTelemetry tracing', () => {
  it('continues the trace of each input record into its output, route and DLQ records, with messaging attributes', async () => {
    const topics = await createWorkerTopics('trace', { routes: 1 });
    const writer = await avroWriter(`${topics.input}-value`, projectSchemas().schemas.callback);
    const running = await startInProcess(workerEnv(topics, {
      ROUTES: JSON.stringify([{ topic: topics.routes[0], when: { outcome: ['SCHEDULED'] } }]),
    }));
    const out = await collect([topics.output, topics.routes[0]!, topics.dlq]);
    try {
      await send(topics.input, [
        // Two traceparents (a repeated key): the last one is the context, and both are replaced.
        { key: 'a', value: writer.encode(callbackRecord({ id: 'a', state: 'SCHEDULED' })), headers: { traceparent: [traceparent(TRACE_B, '1111111111111111'), traceparent(TRACE_A, '00f067aa0ba902b7')], tracestate: 'vendor=1', other: 'kept' } },
        { key: 'b', value: Buffer.from('not avro'), headers: { traceparent: traceparent(TRACE_B, '2222222222222222') } },
        { key: 'c', value: writer.encode(callbackRecord({ id: 'c', state: 'CONNECTED' })) },
      ]);
      await waitFor(() => out.messages.length === 4, { message: 'output a, route copy of a, DLQ b, output c' });
      const [outA, outC] = ['a', 'c'].map((key) => out.on(topics.output).find((m) => m.key?.toString() === key)!);
      const routeA = out.on(topics.routes[0]!)[0]!;
      const dlqB = out.on(topics.dlq)[0]!;

      // Output a: one traceparent, in trace A, pointing at the worker's record span.
      expect(headerValues(outA!.headers, 'traceparent')).toHaveLength(1);
      const a = parseTraceparent(headerValues(outA!.headers, 'traceparent')[0]!);
      expect(a.traceId).toBe(TRACE_A);
      expect(headerValues(outA!.headers, 'tracestate')).toEqual(['vendor=1']);
      expect(headerValues(outA!.headers, 'other')).toEqual(['kept']);
      expect(headerValues(routeA.headers, 'traceparent')).toEqual(headerValues(outA!.headers, 'traceparent'));
      const spanA = await waitFor(() => spanById(a.spanId), { message: 'the record span of a' });
      expect(spanA.name).toBe(`process ${topics.input}`);
      expect(spanA.kind).toBe(SpanKind.CONSUMER);
      expect(spanA.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
      expect(spanA.attributes).toMatchObject({
        'messaging.system': 'kafka',
        'messaging.operation.type': 'process',
        'messaging.operation.name': 'process',
        'messaging.destination.name': topics.input,
        'messaging.destination.partition.id': '0',
        'messaging.kafka.offset': 0,
        'messaging.consumer.group.name': running.config.groupId,
        'messaging.kafka.message.key': 'a',
        'callback_enricher.outcome': 'SCHEDULED',
      });
      expect(spanA.status.code).not.toBe(SpanStatusCode.ERROR);

      // The batch span: one per batch, with the count; the record span links to it.
      // It ends when the batch's handler returns (after the send and the commit), which can be a
      // moment after its records are readable.
      const batchSpanId = spanA.links[0]?.context.spanId;
      await waitFor(() => batchSpanId !== undefined && spanById(batchSpanId) !== undefined, { message: 'the batch span to end' });
      const batchSpan = spanById(batchSpanId!);
      expect(batchSpan?.attributes).toMatchObject({ 'messaging.destination.name': topics.input, 'messaging.consumer.group.name': running.config.groupId });
      expect(batchSpan?.attributes['messaging.batch.message_count']).toBeGreaterThanOrEqual(1);

      // DLQ b: trace B, its span marked as a dead letter with the reason.
      const b = parseTraceparent(headerValues(dlqB.headers, 'traceparent')[0]!);
      expect(headerValues(dlqB.headers, 'traceparent')).toHaveLength(1);
      expect(b.traceId).toBe(TRACE_B);
      const spanB = await waitFor(() => spanById(b.spanId), { message: 'the record span of b' });
      expect(spanB.status).toMatchObject({ code: SpanStatusCode.ERROR });
      expect(spanB.status.message).toMatch(/^MAGIC_BYTE: /);
      expect(spanB.attributes['error.type']).toBe('MAGIC_BYTE');
      expect(spanB.events.find((event) => event.name === 'dead-lettered')?.attributes).toMatchObject({ 'dlq.reason': 'MAGIC_BYTE', 'dlq.topic': topics.dlq });

      // Output c had no trace context: its span is a child of its batch's span.
      const c = parseTraceparent(headerValues(outC!.headers, 'traceparent')[0]!);
      const spanC = await waitFor(() => spanById(c.spanId), { message: 'the record span of c' });
      const parentOfC = await waitFor(() => spanById(spanC.parentSpanContext!.spanId), { message: 'the batch span of c to end' });
      expect(parentOfC.attributes['messaging.batch.message_count']).toBeGreaterThanOrEqual(1);
      expect(c.traceId).toBe(parentOfC.spanContext().traceId);
    } finally {
      await out.stop();
      await running.stop();
    }
  });

  it('marks a batch deferred by an outage on its span, with the dependency and the error', async () => {
    const topics = await createWorkerTopics('trace-outage');
    const writer = await avroWriter(`${topics.input}-value`, projectSchemas().schemas.callback);
    const registryUrl = new URL(stackEnv().SCHEMA_REGISTRY_URL!);
    const proxy = await startTcpProxy(registryUrl.host);
    const running = await startInProcess(workerEnv(topics, { SCHEMA_REGISTRY_URL: `${registryUrl.protocol}//${proxy.address}${registryUrl.pathname}` }));
    try {
      await proxy.close();
      await send(topics.input, [{ key: 'o', value: writer.encode(callbackRecord({ id: 'o' })) }]);
      const deferred = await waitFor(() => exporter.getFinishedSpans().find((span) =>
        span.attributes['messaging.destination.name'] === topics.input && span.events.some((event) => event.name === 'outage')), { message: 'a batch span with an outage event' });
      expect(deferred.status.code).toBe(SpanStatusCode.ERROR);
      expect(deferred.status.message).toMatch(/^schema registry unavailable: batch deferred/);
      expect(deferred.events.find((event) => event.name === 'outage')?.attributes).toMatchObject({ 'outage.dependency': 'schema registry' });
      await proxy.open();
      const out = await collect([topics.output]);
      await waitFor(() => out.messages.length === 1, { message: 'the record enriched once the registry is back' }).finally(() => out.stop());
    } finally {
      await running.stop();
      await proxy.close().catch(() => undefined);
    }
  });

  it('`produce --trace` (no SDK in the producer) starts a trace per record that the worker continues', async () => {
    const topics = await createWorkerTopics('trace-produce');
    const run = await runCli(['produce', '--trace', '--count', '5', '--seed', '3', '--no-progress'], '', { ...stackEnv(), INPUT_TOPIC: topics.input, CAMPAIGN_TOPIC: topics.campaign, LOG_LEVEL: 'warn' });
    expect(run.code, run.stderr).toBe(0);
    const running = await startInProcess(workerEnv(topics));
    const out = await collect([topics.input, topics.output]);
    try {
      await waitFor(() => out.on(topics.output).length === 5, { message: 'five enriched records' });
      const inputTraces = out.on(topics.input).map((m) => parseTraceparent(headerValues(m.headers, 'traceparent')[0]!).traceId);
      expect(new Set(inputTraces).size).toBe(5);
      for (const output of out.on(topics.output)) {
        const input = out.on(topics.input).find((m) => m.key?.toString() === output.key?.toString() && m.offset === headerValues(output.headers, 'source.offset')[0])!;
        const [inTrace, outTrace] = [input, output].map((m) => parseTraceparent(headerValues(m.headers, 'traceparent')[0]!));
        expect(outTrace!.traceId).toBe(inTrace!.traceId);
        expect(spanById(outTrace!.spanId)?.parentSpanContext?.spanId).toBe(inTrace!.spanId);
      }
    } finally {
      await out.stop();
      await running.stop();
    }
  });
});
