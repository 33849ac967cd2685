// The helpers the generated one-pass decoders call (compileCallbackDecoder.ts). Each works on
// the buffer and a position held by the caller, so a record's walk allocates no cursor.
import { isJsonObject } from '../model/mapGenesysJson.js';
import type { JsonObject } from '../model/types.js';
import { isUtf8Range } from '../model/isUtf8Range.js';

const MAX_VARINT_BYTES = 10;

/** Where readLong stopped: the position after the varint, or -1 when it ran out or past 10 bytes. */
const box = { pos: 0 };

/** avsc's own zigzag varint arithmetic (so numbers come out bit for bit alike), bounded. */
function readLong(buf: Buffer, pos: number): number {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < MAX_VARINT_BYTES && pos < buf.length; i++) {
    const byte = buf[pos++]!;
    value += (byte & 0x7f) * scale;
    if ((byte & 0x80) === 0) {
      box.pos = pos;
      return value % 2 ? -(value + 1) / 2 : value / 2;
    }
    scale *= 128;
  }
  box.pos = -1;
  return 0;
}

/** Buffer's own decoder (public on Buffer, missing from @types/node); avsc reads strings with it too. */
interface Utf8Slicer { utf8Slice(start: number, end: number): string }

/** The string of `length` bytes at `pos`, or undefined when they are past the end or not UTF-8. */
function readString(buf: Buffer, pos: number, length: number): string | undefined {
  const end = pos + length;
  if (length < 0 || end > buf.length || !isUtf8Range(buf, pos, end)) return undefined;
  // utf8Slice is what toString('utf8', …) calls after checking its arguments, done above.
  return (buf as unknown as Utf8Slicer).utf8Slice(pos, end);
}

/** A free-form field's JSON text as an object, or undefined when it is not a JSON object. */
function parseJsonObject(text: string): JsonObject | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return isJsonObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** By the names the generated code uses. */
export const READ_HELPERS = { box, readLong, readString, parseJsonObject } as const;
