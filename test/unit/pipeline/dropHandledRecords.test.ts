import { describe, expect, it } from 'vitest';
import { buildDlqHeaders } from '../../../src/pipeline/buildDlqHeaders.js';
import { buildOutputHeaders } from '../../../src/pipeline/buildOutputRecords.js';
import { dropHandledRecords, sourceOffsetOf } from '../../../src/pipeline/dropHandledRecords.js';
import type { InputRecord, OutputRecord } from '../../../src/pipeline/types.js';
import { textHeaders } from '../../helpers/headers.js';

const DLQ = 'callbacks.dlq';
const input = (offset: string, headers: Record<string, string> = {}): InputRecord => ({
  topic: 'callbacks.raw', partition: 1, offset, timestamp: 0, key: Buffer.from('k'), value: Buffer.from([0]), headers: textHeaders(headers),
});
const output = (offset: string, topic = 'callbacks.enriched', headers: Record<string, string> = {}): OutputRecord => ({
  topic, key: null, value: Buffer.from('v'), headers: buildOutputHeaders(input(offset, headers), 'e'),
});
const deadLetter = (offset: string, headers: Record<string, string> = {}): OutputRecord => ({
  topic: DLQ, key: null, value: null,
  headers: buildDlqHeaders(input(offset, headers), { reason: 'MAGIC_BYTE', message: 'm' }, { instanceId: 'w', failedAt: 0 }),
});

describe('dropHandledRecords', () => {
  it('drops outputs, route copies and dead letters made from offsets below the committed one, keeps the rest in order', () => {
    const records = [output('7'), output('7', 'route.a'), deadLetter('8'), output('9'), deadLetter('10'), output('10', 'route.a')];
    const kept = dropHandledRecords(records, 9n, DLQ);
    expect(kept).toEqual([records[3], records[4], records[5]]);
  });

  it('keeps everything at or above the committed offset and drops everything when it is past the batch', () => {
    const records = [output('100'), deadLetter('101')];
    expect(dropHandledRecords(records, 100n, DLQ)).toEqual(records);
    expect(dropHandledRecords(records, 102n, DLQ)).toEqual([]);
  });

  it('reads the header of the record\'s kind: an input\'s own source.offset or dlq.source.offset does not mislead it', () => {
    // A dead letter keeps the input's headers (here a source.offset from an earlier hop); an output
    // keeps an input's dlq.* headers other than the worker's own.
    expect(sourceOffsetOf(deadLetter('50', { 'source.offset': '999' }), DLQ)).toBe(50n);
    expect(sourceOffsetOf(output('60', 'callbacks.enriched', { 'dlq.source.offset': '1' }), DLQ)).toBe(60n);
  });

  it('keeps a record that carries no source offset (dropping it could lose it)', () => {
    const bare: OutputRecord = { topic: 'callbacks.enriched', key: null, value: null, headers: [] };
    expect(dropHandledRecords([bare], 5n, DLQ)).toEqual([bare]);
  });
});
