// OpenTelemetry tracing through @opentelemetry/api only, so it is client-neutral (it reads the
// pipeline's records, not a Kafka client's) and a no-op until the operator registers an SDK
// (docs/operating.md). A span per batch and one per record, with the messaging semantic
// conventions; each record's span continues the W3C trace context of its input headers, and its
// own context is written into every record it produces (output, routes, DLQ), replacing any
// traceparent/tracestate carried over from the input. Off (no SDK), a batch costs one no-op span
// and its records skip tracing altogether: no header is touched (bench/entries/tracing.ts).
import { randomBytes } from 'node:crypto';
import {
  propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span,
  type TextMapGetter, type TextMapSetter,
} from '@opentelemetry/api';
import { lastHeaderValue, textHeader } from '../pipeline/headers.js';
import type { Header, Headers, InputRecord, OutputRecord, ProcessOutcome } from '../pipeline/types.js';

const tracer = trace.getTracer('callback-enricher');

export const TRACE_HEADERS: ReadonlySet<string> = new Set(['traceparent', 'tracestate']);

const headerGetter: TextMapGetter<Headers> = {
  keys: (headers) => headers.map((header) => header.key),
  get: (headers, key) => lastHeaderValue(headers, key)?.toString('utf8'),
};

const mapSetter: TextMapSetter<Record<string, string>> = { set: (carrier, key, value) => { carrier[key] = value; } };

/** `headers` with the trace context of `context` instead of any trace headers they carried. */
export function withTraceContext(headers: Headers, context: Context): Headers {
  const carrier: Record<string, string> = {};
  propagation.inject(context, carrier, mapSetter);
  const keys = Object.keys(carrier);
  if (keys.length === 0) return headers;
  const result: Header[] = headers.filter((header) => !TRACE_HEADERS.has(header.key) && !(header.key in carrier));
  for (const key of keys) result.push(textHeader(key, carrier[key]!));
  return result;
}

/** What tracing reads of a consumed batch (src/kafka's ConsumedBatch has it; this layer sits below). */
interface TracedBatch {
  topic: string;
  partition: number;
  records: readonly unknown[];
}

/** A batch handler's verdict, as src/kafka's BatchResult has it. */
type TracedResult = { kind: 'done' } | { kind: 'retry'; afterMs: number };

type TracedHandler<B extends TracedBatch, C, R extends TracedResult> = (batch: B, control: C) => Promise<R>;

export interface WorkerTracing {
  /** The batch handler inside a `process <topic>` span per batch; an outage retry marks it. */
  traceBatches<B extends TracedBatch, C, R extends TracedResult>(handler: TracedHandler<B, C, R>): TracedHandler<B, C, R>;
  /** One record's processing inside its span; writes the span's context into the produced records. */
  traceRecord(record: InputRecord, processOne: () => ProcessOutcome): ProcessOutcome;
  /** Whether traceRecord makes spans for the partition's batch in hand (an SDK is registered and sampling it). */
  tracesRecords(partition: number): boolean;
  /** Notes an outage (registry, brokers) for the span of the batch it defers. */
  noteOutage(dependency: string, error: unknown): void;
}

function batchAttributes(batch: TracedBatch, groupId: string): Attributes {
  return {
    'messaging.system': 'kafka',
    'messaging.operation.type': 'process',
    'messaging.operation.name': 'process',
    'messaging.destination.name': batch.topic,
    'messaging.destination.partition.id': String(batch.partition),
    'messaging.consumer.group.name': groupId,
  };
}

export function createWorkerTracing(options: { groupId: string }): WorkerTracing {
  // The batch in hand per partition: a record without a trace context of its own is its child.
  const batchSpans = new Map<number, { span: Span; context: Context; attributes: Attributes; on: boolean }>();
  let lastOutage: { dependency: string; message: string } | undefined;

  return {
    traceBatches: (handler) => async (batch, control) => {
      const attributes = batchAttributes(batch, options.groupId);
      const span = tracer.startSpan(`process ${batch.topic}`, {
        kind: SpanKind.CONSUMER,
        attributes: { ...attributes, 'messaging.batch.message_count': batch.records.length },
      });
      // Decided once per batch: without an SDK (no recording span, no propagator) the records
      // skip every tracing call.
      const on = span.isRecording() || propagation.fields().length > 0;
      batchSpans.set(batch.partition, { span, context: trace.setSpan(ROOT_CONTEXT, span), attributes, on });
      try {
        const result = await handler(batch, control);
        if (result.kind === 'retry') {
          // Not a failure of the records: the batch waits out a dependency and is fetched again.
          const outage = lastOutage ?? { dependency: 'a dependency', message: 'unknown' };
          lastOutage = undefined;
          span.addEvent('outage', { 'outage.dependency': outage.dependency, 'exception.message': outage.message, 'retry.after_ms': result.afterMs });
          span.setStatus({ code: SpanStatusCode.ERROR, message: `${outage.dependency} unavailable: batch deferred (${outage.message})` });
        }
        return result;
      } catch (error) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
        throw error;
      } finally {
        batchSpans.delete(batch.partition);
        span.end();
      }
    },

    tracesRecords(partition) {
      const batch = batchSpans.get(partition);
      return !(batch && !batch.on);
    },

    traceRecord(record, processOne) {
      const batch = batchSpans.get(record.partition);
      if (batch && !batch.on) return processOne();
      const parent = propagation.extract(batch?.context ?? ROOT_CONTEXT, record.headers, headerGetter);
      const span = tracer.startSpan(`process ${record.topic}`, {
        kind: SpanKind.CONSUMER,
        ...(batch ? { attributes: batch.attributes } : {}),
        ...(batch && parent !== batch.context ? { links: [{ context: batch.span.spanContext() }] } : {}),
      }, parent);
      try {
        const outcome = processOne();
        if (span.isRecording()) annotate(span, record, outcome);
        const context = trace.setSpan(parent, span);
        if (outcome.kind === 'deadLetter') {
          outcome.record.headers = withTraceContext(outcome.record.headers, context);
          return outcome;
        }
        // Route copies share the output's headers: rewrite them once.
        let shared: { from: Headers; to: Headers } | undefined;
        for (const output of outcome.records) {
          if (shared?.from !== output.headers) shared = { from: output.headers, to: withTraceContext(output.headers, context) };
          output.headers = shared.to;
        }
        return outcome;
      } catch (error) {
        // processRecord throws only what is retriable: the registry went away mid-batch.
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: `outage: ${(error as Error).message}` });
        throw error;
      } finally {
        span.end();
      }
    },

    noteOutage(dependency, error) {
      lastOutage = { dependency, message: (error as Error)?.message ?? String(error) };
    },
  };
}

function annotate(span: Span, record: InputRecord, outcome: ProcessOutcome): void {
  span.setAttribute('messaging.kafka.offset', Number(record.offset));
  if (record.key !== null) span.setAttribute('messaging.kafka.message.key', record.key.toString('utf8'));
  if (record.value !== null) span.setAttribute('messaging.message.body.size', record.value.length);
  if (outcome.kind === 'produce') {
    span.setAttribute('callback_enricher.outcome', outcome.enriched.derived.outcome);
    span.setAttribute('callback_enricher.event_id', outcome.enriched.eventId);
    return;
  }
  const { reason, message } = outcome.rejection;
  span.setAttribute('error.type', reason);
  span.addEvent('dead-lettered', { 'dlq.reason': reason, 'dlq.error': message, 'dlq.topic': outcome.record.topic });
  span.setStatus({ code: SpanStatusCode.ERROR, message: `${reason}: ${message}` });
}

/**
 * For `produce --trace`: each record starts a trace. With an SDK, a `create <topic>` producer
 * span per record whose context goes into the headers; without one (the usual demo: an SDK in
 * the worker only), a fresh W3C traceparent, sampled, so the worker still continues a trace.
 */
export function startRecordTraces(records: OutputRecord[]): void {
  for (const record of records) {
    const span = tracer.startSpan(`create ${record.topic}`, {
      kind: SpanKind.PRODUCER,
      attributes: { 'messaging.system': 'kafka', 'messaging.operation.type': 'create', 'messaging.operation.name': 'create', 'messaging.destination.name': record.topic },
    }, ROOT_CONTEXT);
    if (span.isRecording()) {
      record.headers = withTraceContext(record.headers, trace.setSpan(ROOT_CONTEXT, span));
    } else {
      const traceparent = `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;
      record.headers = [...record.headers.filter((header) => !TRACE_HEADERS.has(header.key)), textHeader('traceparent', traceparent)];
    }
    span.end();
  }
}
