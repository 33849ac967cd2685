import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readLines } from '../../../src/streams/readLines.js';

async function linesOf(chunks: Array<string | Buffer>, maxLineBytes?: number): Promise<Array<[number, string | undefined]>> {
  const lines: Array<[number, string | undefined]> = [];
  for await (const batch of readLines(Readable.from(chunks, { objectMode: true }), maxLineBytes)) {
    for (const line of batch) lines.push([line.number, line.bytes?.toString('utf8')]);
  }
  return lines;
}

describe('readLines', () => {
  it.each([
    ['one line per LF', ['a\nb\n'], [[1, 'a'], [2, 'b']]],
    ['a last line without LF', ['a\nb'], [[1, 'a'], [2, 'b']]],
    ['blank lines are lines (numbers count them)', ['a\n\n\nb\n'], [[1, 'a'], [2, ''], [3, ''], [4, 'b']]],
    ['CRLF', ['a\r\nb\r\n'], [[1, 'a'], [2, 'b']]],
    ['a CR inside a line stays', ['a\rb\n'], [[1, 'a\rb']]],
    ['lines split across chunks', ['{"i', 'd":', '1}\n{', '}'], [[1, '{"id":1}'], [2, '{}']]],
    ['a CRLF split across chunks', ['a\r', '\nb'], [[1, 'a'], [2, 'b']]],
    ['a UTF-8 BOM at the start is dropped', [Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0x0a])], [[1, 'a']]],
    ['a multi-byte character split across chunks', [Buffer.from([0x22, 0xc3]), Buffer.from([0xa9, 0x22, 0x0a])], [[1, '"é"']]],
    ['empty input', [], []],
  ] as const)('%s', async (_label, chunks, expected) => {
    expect(await linesOf([...chunks])).toEqual(expected);
  });

  it('reports a line over the limit without keeping it, in one chunk or across many, and goes on', async () => {
    expect(await linesOf(['12345678\nok\n'], 4)).toEqual([[1, undefined], [2, 'ok']]);
    expect(await linesOf(['12', '34', '56', '78', '\nok', '\n1234'], 4)).toEqual([[1, undefined], [2, 'ok'], [3, '1234']]);
    expect(await linesOf(['12', '345'], 4)).toEqual([[1, undefined]]);
  });

  it('yields one batch per chunk, so the caller paces the reading', async () => {
    const batches: number[] = [];
    for await (const batch of readLines(Readable.from(['a\nb\n', 'c\n', 'd', '\n'], { objectMode: true }))) batches.push(batch.length);
    expect(batches).toEqual([2, 1, 1]);
  });
});
