// avsc's toBuffer encodes into a shared buffer, then copies into a zero-filled Buffer.alloc.
// Encoding into our own scratch buffer and copying into allocUnsafe (Node's pooled slab for
// small sizes) skips the zero fill and the per-record allocation of a fresh backing store.
let scratch = Buffer.allocUnsafe(16 * 1024);

/**
 * Runs `write` (which answers the end position, or < 0 when the buffer is too small) on a
 * scratch buffer, growing it until the bytes fit, and returns a copy of bytes [0, end).
 */
export function writeWithScratch(write: (buffer: Buffer) => number): Buffer {
  let end = write(scratch);
  while (end < 0) {
    scratch = Buffer.allocUnsafe(scratch.length * 4);
    end = write(scratch);
  }
  const out = Buffer.allocUnsafe(end);
  scratch.copy(out, 0, 0, end);
  return out;
}
