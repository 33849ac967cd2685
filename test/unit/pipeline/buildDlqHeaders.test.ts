import { describe, expect, it } from 'vitest';
import { buildDlqHeaders, MAX_DLQ_ERROR_LENGTH } from '../../../src/pipeline/buildDlqHeaders.js';
import { DLQ_REASONS } from '../../../src/pipeline/dlqReasons.js';
import type { InputRecord } from '../../../src/pipeline/types.js';
import { headerMap, textHeaders } from '../../helpers/headers.js';

const record = (headers: Record<string, string>): InputRecord => ({
  topic: 'callbacks.raw', partition: 3, offset: '12345', timestamp: 0, key: Buffer.from('k'), value: Buffer.from([1]),
  headers: textHeaders(headers),
});
const text = headerMap;
const context = { instanceId: 'worker-7', failedAt: Date.UTC(2024, 2, 7, 10, 15, 30, 5) };

describe('buildDlqHeaders', () => {
  it('keeps the input headers and adds every dlq.* header of CONTRACT §4', () => {
    const headers = buildDlqHeaders(record({ traceparent: 'abc' }), { reason: 'DECODE_ERROR', message: 'truncated', schemaId: 42 }, context);
    expect(text(headers)).toEqual({
      traceparent: 'abc',
      'dlq.reason': 'DECODE_ERROR',
      'dlq.error': 'truncated',
      'dlq.source.topic': 'callbacks.raw',
      'dlq.source.partition': '3',
      'dlq.source.offset': '12345',
      'dlq.failed.at': '2024-03-07T10:15:30.005Z',
      'dlq.worker': 'worker-7',
      'dlq.schema.id': '42',
    });
  });

  it('has no dlq.schema.id when the wire header did not parse', () => {
    const headers = buildDlqHeaders(record({}), { reason: 'MAGIC_BYTE', message: 'x' }, context);
    expect(text(headers)).not.toHaveProperty('dlq.schema.id');
  });

  it('carries dlq.replays over from a replayed record and drops stale dlq.* headers', () => {
    const replayed = record({ 'dlq.replays': '2', 'dlq.schema.id': '9', 'dlq.reason': 'UNKNOWN_SCHEMA', app: 'x' });
    const headers = text(buildDlqHeaders(replayed, { reason: 'MAGIC_BYTE', message: 'm' }, context));
    expect(headers['dlq.replays']).toBe('2');
    expect(headers['dlq.reason']).toBe('MAGIC_BYTE');
    expect(headers).not.toHaveProperty('dlq.schema.id');
    expect(headers.app).toBe('x');
  });

  it('keeps null values, repeated keys and their order as Kafka had them', () => {
    const input: InputRecord = { ...record({}), headers: [
      { key: 'a', value: null }, { key: 'b', value: Buffer.from([0xff, 0x00]) }, { key: 'a', value: Buffer.from('2') }, { key: '', value: Buffer.alloc(0) },
    ] };
    const headers = buildDlqHeaders(input, { reason: 'MAGIC_BYTE', message: 'm' }, context);
    expect(headers.slice(0, 4)).toEqual(input.headers);
    expect(headers.filter((h) => h.key.startsWith('dlq.')).map((h) => h.key)).toContain('dlq.reason');
  });

  it('cuts a long error message to a bounded header', () => {
    const headers = buildDlqHeaders(record({}), { reason: 'MAPPING_ERROR', message: 'x'.repeat(50_000) }, context);
    expect(text(headers)['dlq.error']!.length).toBe(MAX_DLQ_ERROR_LENGTH);
  });
});

describe('DLQ_REASONS', () => {
  it('has a row for each reason of the contract, with distinct metric labels', () => {
    expect(Object.keys(DLQ_REASONS).sort()).toEqual(['DECODE_ERROR', 'ENCODE_ERROR', 'MAGIC_BYTE', 'MAPPING_ERROR', 'UNKNOWN_SCHEMA']);
    const labels = Object.values(DLQ_REASONS).map((row) => row.metricLabel);
    expect(new Set(labels).size).toBe(labels.length);
    for (const label of labels) expect(label).toMatch(/^[a-z_]+$/);
  });
});
