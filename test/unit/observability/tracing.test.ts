import { context, propagation, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { afterEach, describe, expect, it } from 'vitest';
import { headersToTexts, textHeader } from '../../../src/pipeline/headers.js';
import type { OutputRecord } from '../../../src/pipeline/types.js';
import { startRecordTraces, withTraceContext } from '../../../src/observability/tracing.js';

const spanContext = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: TraceFlags.SAMPLED };
const inbound = [textHeader('traceparent', '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01'), { key: 'n', value: null }, textHeader('traceparent', 'x'), textHeader('tracestate', 'a=1')];

describe('withTraceContext', () => {
  afterEach(() => { propagation.disable(); });

  it('without a propagator (no SDK) leaves the headers as they are, the same array', () => {
    const ctx = trace.setSpanContext(ROOT_CONTEXT, spanContext);
    expect(withTraceContext(inbound, ctx)).toBe(inbound);
    expect(context.active()).toBe(ROOT_CONTEXT);
  });

  it('with the W3C propagator replaces every trace header by the context, keeping the others in order', () => {
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    const ctx = trace.setSpanContext(ROOT_CONTEXT, spanContext);
    expect(headersToTexts(withTraceContext(inbound, ctx))).toEqual([
      { key: 'n', value: null },
      { key: 'traceparent', value: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
    ]);
  });
});

describe('startRecordTraces (produce --trace)', () => {
  it('without an SDK writes a fresh sampled W3C traceparent per record, replacing any', () => {
    const records: OutputRecord[] = [
      { topic: 't', key: null, value: null, headers: [textHeader('traceparent', 'old')] },
      { topic: 't', key: null, value: null, headers: [] },
    ];
    startRecordTraces(records);
    const values = records.map((record) => headersToTexts(record.headers).filter((h) => h.key === 'traceparent').map((h) => h.value));
    for (const value of values) expect(value).toEqual([expect.stringMatching(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/)]);
    expect(values[0]![0]!.slice(3, 35)).not.toBe(values[1]![0]!.slice(3, 35));
  });
});
