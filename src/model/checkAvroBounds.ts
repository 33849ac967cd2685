// A guard run before avsc decodes untrusted bytes. avsc trusts the block counts of arrays and
// maps: a 4-byte body claiming 2^31 items makes it allocate and loop until the process dies of
// heap exhaustion, which no try/catch can turn into a dead letter. This walk reads the same
// bytes without allocating and checks every length and count against the bytes that remain.
// It also checks that every string (map keys included) is UTF-8, which avsc does not: a body
// that passes may be copied into the output as it is (encodeEnrichedFromInput).
import type avro from 'avsc';
import { isUtf8Range } from './isUtf8Range.js';

/** `error` names what failed when it is more specific than a length that does not fit. */
export type Cursor = { buf: Buffer; pos: number; error?: string };
/** The parts of avsc's Type classes this walk reads (public properties, typed per kind by avsc). */
interface TypeParts {
  size: number;
  symbols: string[];
  fields: Array<{ type: avro.Type }>;
  itemsType: avro.Type;
  valuesType: avro.Type;
  types: avro.Type[];
  underlyingType: avro.Type;
}
/** Advances the cursor over one value; false when the bytes cannot hold it. */
export type Skip = (cursor: Cursor) => boolean;

/** Items that encode to zero bytes (null) cannot be bounded by length; cap them instead. */
export const MAX_ZERO_BYTE_ITEMS = 65_536;
const MAX_VARINT_BYTES = 10;

/** A zigzag varint, or undefined when it runs past the end or past 10 bytes. */
function readVarint(cursor: Cursor): number | undefined {
  const first = cursor.buf[cursor.pos];
  if (first !== undefined && first < 0x80) { // one byte: most unions, enums and lengths
    cursor.pos++;
    return first & 1 ? -(first + 1) / 2 : first / 2;
  }
  let value = 0;
  let scale = 1;
  for (let i = 0; i < MAX_VARINT_BYTES; i++) {
    const byte = cursor.buf[cursor.pos++];
    if (byte === undefined) return undefined;
    value += (byte & 0x7f) * scale;
    if ((byte & 0x80) === 0) return value % 2 === 1 ? -(value + 1) / 2 : value / 2;
    scale *= 128;
  }
  return undefined;
}

function skipBytes(cursor: Cursor, length: number): boolean {
  if (length < 0 || cursor.pos + length > cursor.buf.length) return false;
  cursor.pos += length;
  return true;
}

const skipVarint: Skip = (c) => readVarint(c) !== undefined;
const skipLengthPrefixed: Skip = (c) => {
  const length = readVarint(c);
  return length !== undefined && skipBytes(c, length);
};
const skipString: Skip = (c) => {
  const length = readVarint(c);
  const start = c.pos;
  if (length === undefined || !skipBytes(c, length)) return false;
  if (isUtf8Range(c.buf, start, c.pos)) return true;
  c.error = `invalid UTF-8 in an Avro string (${length} bytes at byte ${start} of the body)`;
  return false;
};

/** Smallest encoding of a value of this type; 0 where unsure (a cycle), which is the safe side. */
export function minimumSize(type: avro.Type, seen: Set<avro.Type> = new Set()): number {
  if (seen.has(type)) return 0;
  seen.add(type);
  const t = type as unknown as TypeParts;
  switch (type.typeName) {
    case 'null': return 0;
    case 'float': return 4;
    case 'double': return 8;
    case 'fixed': return t.size;
    case 'record': case 'error':
      return t.fields.reduce((sum, f) => sum + minimumSize(f.type, seen), 0);
    default:
      return type.typeName.startsWith('logical:') ? minimumSize(t.underlyingType, seen) : 1;
  }
}

function compileBlocks(itemSkip: Skip, itemMinimum: number): Skip {
  return (c) => {
    let items = 0;
    for (;;) {
      let count = readVarint(c);
      if (count === undefined) return false;
      if (count === 0) return true;
      if (count < 0) {
        count = -count;
        if (!skipVarint(c)) return false; // block size in bytes, which avsc skips too
      }
      items += count;
      const fits = itemMinimum > 0 ? count * itemMinimum <= c.buf.length - c.pos : items <= MAX_ZERO_BYTE_ITEMS;
      if (!fits) return false;
      for (let i = 0; i < count; i++) if (!itemSkip(c)) return false;
    }
  };
}

function compile(type: avro.Type, compiled: Map<avro.Type, Skip>): Skip {
  const known = compiled.get(type);
  if (known) return known;
  let body: Skip = () => false;
  const skip: Skip = (c) => body(c); // indirection: recursive records refer to themselves
  compiled.set(type, skip);
  const t = type as unknown as TypeParts;
  switch (type.typeName) {
    case 'null': body = () => true; break;
    case 'boolean': body = (c) => skipBytes(c, 1); break;
    case 'int': case 'long': body = skipVarint; break;
    case 'float': body = (c) => skipBytes(c, 4); break;
    case 'double': body = (c) => skipBytes(c, 8); break;
    case 'bytes': body = skipLengthPrefixed; break;
    case 'string': body = skipString; break;
    case 'fixed': body = (c) => skipBytes(c, t.size); break;
    case 'enum': {
      const symbols = t.symbols.length;
      body = (c) => { const i = readVarint(c); return i !== undefined && i >= 0 && i < symbols; };
      break;
    }
    case 'array': body = compileBlocks(compile(t.itemsType, compiled), minimumSize(t.itemsType)); break;
    case 'map': {
      const value = compile(t.valuesType, compiled);
      body = compileBlocks((c) => skipString(c) && value(c), 1 + minimumSize(t.valuesType));
      break;
    }
    case 'record': case 'error': {
      const fields = t.fields.map((f) => compile(f.type, compiled));
      body = (c) => {
        for (let i = 0; i < fields.length; i++) if (!fields[i]!(c)) return false;
        return true;
      };
      break;
    }
    case 'union:unwrapped': case 'union:wrapped': {
      const branches = t.types.map((branch) => compile(branch, compiled));
      body = (c) => { const i = readVarint(c); const branch = i === undefined ? undefined : branches[i]; return branch !== undefined && branch(c); };
      break;
    }
    default:
      if (type.typeName.startsWith('logical:')) body = compile(t.underlyingType, compiled);
      else throw new TypeError(`checkAvroBounds: unsupported Avro type ${type.typeName}`);
  }
  return skip;
}

const SKIPPERS = new WeakMap<avro.Type, Skip>(); // memoised per writer Type: compiled once per schema id

/** The walk over one value of `type` (bounds and UTF-8 checked), compiled once per Type. */
export function compileSkip(type: avro.Type): Skip {
  let skip = SKIPPERS.get(type);
  if (!skip) {
    skip = compile(type, new Map());
    SKIPPERS.set(type, skip);
  }
  return skip;
}

/** The first reason the bytes cannot be a value of `type`, or undefined when they can. */
export function checkAvroBounds(type: avro.Type, payload: Buffer): string | undefined {
  const skip = compileSkip(type);
  const cursor: Cursor = { buf: payload, pos: 0 };
  if (!skip(cursor)) return cursor.error ?? 'truncated or invalid Avro: a length, count or index does not fit the bytes';
  return cursor.pos < payload.length ? `trailing data: ${payload.length - cursor.pos} bytes after the record` : undefined;
}
