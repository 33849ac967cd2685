// Decode and map in one pass: a reader built once per writer schema that walks the Avro body and
// builds the model directly, with bounds, UTF-8 and the enum fallback applied on the way (an
// enum's symbols are resolved once, at build time). The two-pass path it replaces (bounds walk,
// avsc into objects, mapAvroCallback over them) read every byte three times.
//
// It is a fast path only: it answers the model, or undefined for anything it is not sure of (a
// writer shape it does not handle, bytes that fail any check, a value the model rejects). Then
// decodeCallback asks the two-pass path, which stays the single authority on rejections and
// their messages. A property test holds both paths to the same answers.
import type avro from 'avsc';
import type { FieldKind, FieldTable } from '../model/callbackFields.js';
import { CALLBACK_FIELDS } from '../model/callbackFields.js';
import { isDateTimeInRange } from '../model/dateTime.js';
import { isJsonObject } from '../model/mapGenesysJson.js';
import type { MappedCallback, UnknownEnumValues } from '../model/types.js';
import { compileSkip, MAX_ZERO_BYTE_ITEMS, minimumSize, type Cursor } from '../model/checkAvroBounds.js';
import { isUtf8Range } from '../model/isUtf8Range.js';

interface ReadCursor extends Cursor {
  /** Cleared by the first check that fails; readers then stop and the value is discarded. */
  ok: boolean;
  unknown: UnknownEnumValues;
}
type Read = (c: ReadCursor) => unknown;
export type CallbackDecoder = (payload: Buffer) => MappedCallback | undefined;

/** The parts of avsc's Type classes read here (public properties, typed per kind by avsc). */
interface TypeParts { fields: Array<{ name: string; type: avro.Type }>; types: avro.Type[]; symbols: string[]; itemsType: avro.Type }
const parts = (type: avro.Type): TypeParts => type as unknown as TypeParts;

const fail = (c: ReadCursor): undefined => { c.ok = false; return undefined; };
const MAX_VARINT_BYTES = 10;
const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;

/** avsc's own zigzag varint arithmetic (so numbers come out bit for bit alike), bounded. */
function readLong(c: ReadCursor): number {
  const { buf } = c;
  const first = buf[c.pos];
  if (first !== undefined && first < 0x80) { // one byte: union branches, lengths, small counts
    c.pos++;
    return (first >> 1) ^ -(first & 1);
  }
  let value = 0;
  let scale = 1;
  for (let i = 0; i < MAX_VARINT_BYTES; i++) {
    const byte = buf[c.pos++];
    if (byte === undefined) break;
    value += (byte & 0x7f) * scale;
    if ((byte & 0x80) === 0) return value % 2 ? -(value + 1) / 2 : value / 2;
    scale *= 128;
  }
  c.ok = false;
  return 0;
}

/** Buffer's own decoder (public on Buffer, missing from @types/node); avsc reads strings with it too. */
interface Utf8Slicer { utf8Slice(start: number, end: number): string }

function readString(c: ReadCursor): string | undefined {
  const length = readLong(c);
  const start = c.pos;
  const end = start + length;
  if (!c.ok || length < 0 || end > c.buf.length || !isUtf8Range(c.buf, start, end)) return fail(c);
  c.pos = end;
  // utf8Slice is what toString('utf8', …) calls after checking its arguments, done above.
  return (c.buf as unknown as Utf8Slicer).utf8Slice(start, end);
}

function readJson(c: ReadCursor): unknown {
  const text = readString(c);
  if (text === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return isJsonObject(parsed) ? parsed : fail(c);
  } catch {
    return fail(c);
  }
}

/** Array blocks, with the bounds walk's rule against counts the bytes cannot hold. */
function readArray(itemsType: avro.Type, readItem: Read): Read {
  const itemMinimum = minimumSize(itemsType);
  return (c) => {
    const items: unknown[] = [];
    for (;;) {
      let count = readLong(c);
      if (!c.ok) return undefined;
      if (count === 0) return items;
      if (count < 0) {
        count = -count;
        readLong(c); // block size in bytes
      }
      const fits = itemMinimum > 0 ? count * itemMinimum <= c.buf.length - c.pos : items.length + count <= MAX_ZERO_BYTE_ITEMS;
      if (!c.ok || !fits) return fail(c);
      for (let i = 0; i < count; i++) {
        const item = readItem(c);
        if (!c.ok) return undefined;
        items.push(item);
      }
    }
  };
}

function readEnum(kind: Extract<FieldKind, { kind: 'enum' }>, writer: avro.Type): Read | undefined {
  if (writer.typeName === 'string') {
    return (c) => {
      const raw = readString(c);
      if (raw === undefined) return undefined;
      const resolved = kind.resolve(raw);
      if (resolved.raw !== undefined) c.unknown[kind.path] = resolved.raw;
      return resolved.value;
    };
  }
  if (writer.typeName !== 'enum') return undefined;
  const resolved = parts(writer).symbols.map((symbol) => kind.resolve(symbol));
  return (c) => {
    const fallback = resolved[readLong(c)];
    if (fallback === undefined) return fail(c);
    if (fallback.raw !== undefined) c.unknown[kind.path] = fallback.raw;
    return fallback.value;
  };
}

/** The reader of one model field from a non-null writer type, or undefined for a shape not handled. */
function compileValue(kind: FieldKind, writer: avro.Type): Read | undefined {
  const name = writer.typeName;
  switch (kind.kind) {
    case 'string': return name === 'string' ? readString : undefined;
    case 'json': return name === 'string' ? readJson : undefined;
    case 'boolean':
      return name === 'boolean' ? (c) => (c.pos < c.buf.length ? c.buf[c.pos++] !== 0 : fail(c)) : undefined;
    case 'int':
      if (name !== 'int' && name !== 'long') return undefined;
      return (c) => { const n = readLong(c); return n >= INT32_MIN && n <= INT32_MAX ? n : fail(c); };
    case 'dateTime':
      if (name !== 'int' && name !== 'long') return undefined;
      return (c) => { const n = readLong(c); return isDateTimeInRange(n) ? n : fail(c); };
    case 'enum': return readEnum(kind, writer);
    case 'stringArray': {
      const items = name === 'array' ? parts(writer).itemsType : undefined;
      return items?.typeName === 'string' ? readArray(items, readString) : undefined;
    }
    case 'record': return name === 'record' ? compileRecord(kind.fields, writer) : undefined;
    case 'recordArray': {
      const items = name === 'array' ? parts(writer).itemsType : undefined;
      const readItem = items?.typeName === 'record' ? compileRecord(kind.fields, items) : undefined;
      return items && readItem ? readArray(items, readItem) : undefined;
    }
  }
}

/** A model field from its writer type: T or a two-branch union of null and T (either order). */
function compileField(kind: FieldKind, writer: avro.Type): Read | undefined {
  if (!writer.typeName.startsWith('union')) return compileValue(kind, writer);
  const branches = parts(writer).types;
  const nullAt = branches.findIndex((branch) => branch.typeName === 'null');
  const valueType = branches[1 - nullAt];
  if (branches.length !== 2 || nullAt === -1 || valueType === undefined) return undefined;
  const read = compileValue(kind, valueType);
  if (read === undefined) return undefined;
  return (c) => {
    const branch = readLong(c);
    if (branch === nullAt) return undefined; // null: the field is absent from the model
    return branch === 1 - nullAt ? read(c) : fail(c);
  };
}

interface FieldStep { name: string | undefined; read: Read }

function compileRecord(table: FieldTable, writer: avro.Type): Read | undefined {
  const steps: FieldStep[] = [];
  for (const field of parts(writer).fields) {
    const spec = table.find((candidate) => candidate.name === field.name);
    if (spec === undefined) {
      // A field the model does not have: stepped over, still bounds- and UTF-8-checked.
      const skip = compileSkip(field.type);
      steps.push({ name: undefined, read: (c) => (skip(c) ? undefined : fail(c)) });
      continue;
    }
    const read = compileField(spec.type, field.type);
    if (read === undefined) return undefined;
    steps.push({ name: spec.name, read });
  }
  return (c) => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i]!;
      const value = step.read(c);
      if (!c.ok) return undefined;
      if (value !== undefined && step.name !== undefined) out[step.name] = value;
    }
    return out;
  };
}

/** The one-pass decoder for callbacks written with `writer`, or undefined when its shape is not handled. */
export function compileCallbackDecoder(writer: avro.Type): CallbackDecoder | undefined {
  if (writer.typeName !== 'record') return undefined;
  const read = compileRecord(CALLBACK_FIELDS, writer);
  if (read === undefined) return undefined;
  return (payload) => {
    const c: ReadCursor = { buf: payload, pos: 0, ok: true, unknown: {} };
    const callback = read(c);
    if (!c.ok || c.pos !== payload.length) return undefined;
    return { callback: callback as MappedCallback['callback'], unknownEnumValues: c.unknown };
  };
}
