// The demo's tracing: an OpenTelemetry SDK with the in-memory exporter, registered the way an
// operator registers one (docs/operating.md), and a printout of one record's trace: the `create`
// span `produce --trace` started, the worker's span that continued it, and the traceparent the
// enriched record carries.
import { propagation, SpanKind, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { headerText } from '../../src/pipeline/headers.js';
import type { Headers } from '../../src/pipeline/types.js';

export function startDemoTracing(): InMemorySpanExporter {
  const exporter = new InMemorySpanExporter();
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  return exporter;
}

const KIND = { [SpanKind.PRODUCER]: 'producer', [SpanKind.CONSUMER]: 'consumer' } as Record<number, string>;

function describeSpan(span: ReadableSpan): string {
  const a = span.attributes;
  const where = a['messaging.kafka.offset'] === undefined ? '' : `, partition ${a['messaging.destination.partition.id']} offset ${a['messaging.kafka.offset']}`;
  const outcome = a['callback_enricher.outcome'] === undefined ? '' : `, outcome ${a['callback_enricher.outcome']}`;
  return `${span.name} (${KIND[span.kind] ?? 'internal'}${where}${outcome})`;
}

/** The trace of the output record with these headers, as lines; undefined if it carries none. */
export function formatOneTrace(exporter: InMemorySpanExporter, outputTopic: string, headers: Headers): string | undefined {
  const traceparent = headerText(headers, 'traceparent');
  if (!traceparent) return undefined;
  const [, traceId, spanId] = traceparent.split('-');
  const spans = exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
  const chain: ReadableSpan[] = [];
  for (let span = spans.find((s) => s.spanContext().spanId === spanId); span; span = spans.find((s) => s.spanContext().spanId === span!.parentSpanContext?.spanId)) {
    chain.unshift(span);
  }
  return [
    `one record's trace (OpenTelemetry; here an in-memory exporter, docs/operating.md shows how to send traces to a collector): ${traceId}`,
    ...chain.map((span, depth) => `  ${'   '.repeat(depth)}${depth > 0 ? '└─ ' : ''}${describeSpan(span)}`),
    `  the ${outputTopic} record carries traceparent ${traceparent}`,
  ].join('\n');
}
