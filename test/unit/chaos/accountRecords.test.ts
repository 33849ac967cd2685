import { describe, expect, it } from 'vitest';
import { accountRecords } from '../../../scripts/chaos/accountRecords.js';
import type { ReadRecord } from '../../../scripts/chaos/readRecord.js';

const input = (p: number, o: number): ReadRecord => ({ k: 'in', p, o });
const out = (p: number, o: number, extra: Partial<Extract<ReadRecord, { k: 'out' }>> = {}): ReadRecord => ({ k: 'out', p, o, t: 1, ...extra });
const dlq = (p: number, o: number, reason: string | null): ReadRecord => ({ k: 'dlq', p, o, t: 1, reason });

describe('accountRecords', () => {
  it('balances when every input is in the output or the DLQ once', () => {
    const books = accountRecords([input(0, 0), input(0, 1), input(1, 0), out(0, 0), dlq(0, 1, 'DECODE_ERROR'), out(1, 0)]);
    expect(books).toMatchObject({ records: 3, lost: 0, duplicated: 0, undecodable: 0, unattributed: 0, enriched: 2, deadLettered: { DECODE_ERROR: 1 } });
  });

  it('counts an input offset found nowhere as lost, with a sample', () => {
    const books = accountRecords([input(0, 0), input(0, 1), input(2, 9), out(0, 0)]);
    expect(books.lost).toBe(2);
    expect(books.samples.lost).toEqual(['0:1', '2:9']);
  });

  it('counts every appearance past the first as a duplicate, output and DLQ together', () => {
    const books = accountRecords([input(0, 0), input(0, 1), out(0, 0), out(0, 0), out(0, 0), out(0, 1), dlq(0, 1, 'MAGIC_BYTE')]);
    expect(books.duplicated).toBe(3);
    expect(books.lost).toBe(0);
  });

  it('keeps an undecodable output apart (still accounted for by its source header)', () => {
    const books = accountRecords([input(0, 0), out(0, 0, { bad: 'UnicodeDecodeError' })]);
    expect(books).toMatchObject({ undecodable: 1, lost: 0 });
    expect(books.samples.undecodable[0]).toContain('UnicodeDecodeError');
  });

  it('flags output with no matching input and a missing reason', () => {
    const books = accountRecords([input(0, 0), out(0, 0), { k: 'out', p: null, o: null }, dlq(5, 5, null)]);
    expect(books.unattributed).toBe(2);
    expect(books.deadLettered).toEqual({ '(no dlq.reason)': 1 });
  });

  it('reports topics the reader could not read to the end', () => {
    const books = accountRecords([input(0, 0), out(0, 0), { k: 'end', topic: 'x.enriched', complete: false, note: 'open transaction' }]);
    expect(books.incompleteReads).toEqual(['x.enriched: open transaction']);
  });
});
