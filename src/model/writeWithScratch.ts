// avsc's toBuffer encodes into a shared buffer, then copies into a zero-filled Buffer.alloc.
// Encoding into our own scratch buffer and copying into allocUnsafe (Node's pooled slab for
// small sizes) skips the zero fill and the per-record allocation of a fresh backing store.
let scratch = Buffer.allocUnsafe(16 * 1024);

/**
 * Runs `write` (which writes from `start` and answers the end position, or < 0 when the buffer is
 * too small) on a scratch buffer, growing it until the bytes fit, and returns a copy of bytes
 * [0, end). The first `reserve` bytes of the copy are left for the caller to fill (a wire header),
 * which spares it a second buffer and copy.
 */
export function writeWithScratch(write: (buffer: Buffer, start: number) => number, reserve = 0): Buffer {
  let end = write(scratch, reserve);
  while (end < 0) {
    scratch = Buffer.allocUnsafe(scratch.length * 4);
    end = write(scratch, reserve);
  }
  const out = Buffer.allocUnsafe(end);
  scratch.copy(out, reserve, reserve, end);
  return out;
}
