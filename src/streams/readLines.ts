// JSONL in, as raw bytes per line. readline would hand over decoded strings: invalid UTF-8
// would turn into U+FFFD unnoticed, and the line's exact bytes (what `transform` hashes into
// the eventId) would be gone. Lines come in batches, one per input chunk, and the next chunk
// is read only when the caller asks for the next batch: that is the backpressure.

/** One input line: its bytes without the line break, or undefined when it was too long. */
export interface Line {
  /** 1-based, counting every line, blank ones too. */
  number: number;
  bytes: Buffer | undefined;
}

/** A line longer than this is reported, not buffered: one endless line cannot exhaust memory. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

const LF = 0x0a;
const CR = 0x0d;
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function withoutCr(bytes: Buffer): Buffer {
  return bytes.length > 0 && bytes[bytes.length - 1] === CR ? bytes.subarray(0, bytes.length - 1) : bytes;
}

export async function* readLines(
  input: AsyncIterable<Buffer | string>,
  maxLineBytes: number = MAX_LINE_BYTES,
): AsyncGenerator<Line[]> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let tooLong = false;
  let number = 0;
  let atStart = true;

  const finishLine = (tail: Buffer): Line => {
    number += 1;
    const length = pendingBytes + tail.length;
    const bytes = tooLong || length > maxLineBytes ? undefined
      : withoutCr(pending.length === 0 ? tail : Buffer.concat([...pending, tail], length));
    pending = [];
    pendingBytes = 0;
    tooLong = false;
    return { number, bytes };
  };

  for await (const chunk of input) {
    let buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    if (atStart && buffer.length > 0) {
      atStart = false;
      if (buffer.subarray(0, 3).equals(UTF8_BOM)) buffer = buffer.subarray(3);
    }
    const batch: Line[] = [];
    let start = 0;
    for (let end = buffer.indexOf(LF, start); end !== -1; end = buffer.indexOf(LF, start)) {
      batch.push(finishLine(buffer.subarray(start, end)));
      start = end + 1;
    }
    const rest = buffer.subarray(start);
    if (tooLong || pendingBytes + rest.length > maxLineBytes) {
      tooLong = true;
      pending = [];
      pendingBytes = 0;
    } else if (rest.length > 0) {
      // A copy: the rest of a chunk must not pin the whole chunk while the line goes on.
      pending.push(Buffer.from(rest));
      pendingBytes += rest.length;
    }
    if (batch.length > 0) yield batch;
  }
  if (pendingBytes > 0 || tooLong) yield [finishLine(Buffer.alloc(0))];
}
