// Decode and map in one pass: a reader built once per writer schema that walks the Avro body and
// builds the model directly, with bounds, UTF-8 and the enum fallback applied on the way (an
// enum's symbols are resolved once, at build time). The two-pass path it replaces (bounds walk,
// avsc into objects, mapAvroCallback over them) read every byte three times.
//
// The reader is generated as one function of straight-line code per writer schema, as avsc
// generates its own readers and compileAvroWriter the project's writers: the position is a local
// variable, fields are assigned by name and one-byte varints (union branches, enum indexes,
// lengths) are read inline. A first version made of one closure per field spent about a tenth
// of a record's time in the closures' calls alone (BENCHMARKS.md).
//
// It is a fast path only: it answers the model, or undefined for anything it is not sure of (a
// writer shape it does not handle, bytes that fail any check, a value the model rejects). Then
// decodeCallback asks the two-pass path, which stays the single authority on rejections and
// their messages. A property test holds both paths to the same answers.
import type avro from 'avsc';
import type { FieldKind, FieldTable } from '../model/callbackFields.js';
import { CALLBACK_FIELDS } from '../model/callbackFields.js';
import { MAX_DATE_TIME, MIN_DATE_TIME } from '../model/dateTime.js';
import type { MappedCallback } from '../model/types.js';
import { compileSkip, MAX_ZERO_BYTE_ITEMS, minimumSize, type Cursor } from '../model/checkAvroBounds.js';
import { READ_HELPERS } from './readAvroValue.js';

export type CallbackDecoder = (payload: Buffer) => MappedCallback | undefined;

/** The parts of avsc's Type classes read here (public properties, typed per kind by avsc). */
interface TypeParts { fields: Array<{ name: string; type: avro.Type }>; types: avro.Type[]; symbols: string[]; itemsType: avro.Type }
const parts = (type: avro.Type): TypeParts => type as unknown as TypeParts;

const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Leaves the reader: undefined sends the record the two-pass way. */
const GIVE_UP = 'return undefined;';

/** A shape the generator does not handle: the writer gets no one-pass decoder. */
class Unhandled extends Error {}

/** Builds the source of one reader; constants go to `constants`, named k0, k1, …. */
class ReaderSource {
  private variables = 0;
  readonly constants: unknown[] = [];

  variable(prefix: string): string {
    return `${prefix}${this.variables++}`;
  }

  private constant(value: unknown): string {
    this.constants.push(value);
    return `k${this.constants.length - 1}`;
  }

  /** A zigzag varint into a new variable; a one-byte one inline, longer ones by readLong. */
  long(): { code: string; name: string } {
    const n = this.variable('n');
    const code = `let ${n} = pos < end ? buf[pos] : 128;\n`
      + `if (${n} < 128) { pos++; ${n} = (${n} >> 1) ^ -(${n} & 1); } else { ${n} = readLong(buf, pos); if (box.pos < 0) ${GIVE_UP} pos = box.pos; }\n`;
    return { code, name: n };
  }

  /** A UTF-8-checked string into a new variable. */
  string(): { code: string; name: string } {
    const length = this.long();
    const s = this.variable('s');
    const code = `${length.code}const ${s} = readString(buf, pos, ${length.name});\nif (${s} === undefined) ${GIVE_UP}\npos += ${length.name};\n`;
    return { code, name: s };
  }

  /** Statements that read one value of `kind` written as `writer` (not a union) into `target`. */
  value(kind: FieldKind, writer: avro.Type, assign: (value: string) => string): string {
    const name = writer.typeName;
    const expect = (...names: string[]): void => { if (!names.includes(name)) throw new Unhandled(name); };
    switch (kind.kind) {
      case 'string': {
        expect('string');
        const s = this.string();
        return s.code + assign(s.name);
      }
      case 'json': {
        expect('string');
        const s = this.string();
        const o = this.variable('o');
        return `${s.code}const ${o} = parseJsonObject(${s.name});\nif (${o} === undefined) ${GIVE_UP}\n${assign(o)}`;
      }
      case 'boolean':
        expect('boolean');
        return `if (pos >= end) ${GIVE_UP}\n${assign('buf[pos++] !== 0')}`;
      case 'int': {
        expect('int', 'long');
        const n = this.long();
        return `${n.code}if (!(${n.name} >= ${INT32_MIN} && ${n.name} <= ${INT32_MAX})) ${GIVE_UP}\n${assign(n.name)}`;
      }
      case 'dateTime': {
        expect('int', 'long');
        const n = this.long();
        return `${n.code}if (!(Number.isInteger(${n.name}) && ${n.name} >= ${MIN_DATE_TIME} && ${n.name} <= ${MAX_DATE_TIME})) ${GIVE_UP}\n${assign(n.name)}`;
      }
      case 'enum':
        return this.enumValue(kind, writer, assign);
      case 'stringArray': {
        const items = name === 'array' ? parts(writer).itemsType : undefined;
        if (items?.typeName !== 'string') throw new Unhandled(name);
        return this.array(items, assign, (push) => { const s = this.string(); return s.code + push(s.name); });
      }
      case 'record':
        expect('record');
        return this.record(kind.fields, writer, assign);
      case 'recordArray': {
        const items = name === 'array' ? parts(writer).itemsType : undefined;
        if (items?.typeName !== 'record') throw new Unhandled(name);
        return this.array(items, assign, (push) => this.record(kind.fields, items, push));
      }
    }
  }

  private enumValue(kind: Extract<FieldKind, { kind: 'enum' }>, writer: avro.Type, assign: (value: string) => string): string {
    const path = JSON.stringify(kind.path);
    if (writer.typeName === 'string') {
      const s = this.string();
      const r = this.variable('r');
      return `${s.code}const ${r} = ${this.constant(kind.resolve)}(${s.name});\n`
        + `if (${r}.raw !== undefined) unknown[${path}] = ${r}.raw;\n${assign(`${r}.value`)}`;
    }
    if (writer.typeName !== 'enum') throw new Unhandled(writer.typeName);
    // Each writer symbol resolved once: its canonical value, and its raw text when it fell back.
    const resolved = parts(writer).symbols.map((symbol) => kind.resolve(symbol));
    const values = this.constant(resolved.map((r) => r.value));
    const raws = this.constant(resolved.map((r) => r.raw));
    const n = this.long();
    return `${n.code}if (!(${n.name} >= 0 && ${n.name} < ${resolved.length})) ${GIVE_UP}\n`
      + `if (${raws}[${n.name}] !== undefined) unknown[${path}] = ${raws}[${n.name}];\n${assign(`${values}[${n.name}]`)}`;
  }

  /** Array blocks, with the bounds walk's rule against counts the bytes cannot hold. */
  private array(itemsType: avro.Type, assign: (value: string) => string, readItem: (push: (value: string) => string) => string): string {
    const items = this.variable('a');
    const j = this.variable('j');
    const itemMinimum = minimumSize(itemsType);
    const count = this.long();
    const size = this.long();
    const fits = itemMinimum > 0
      ? `${count.name} * ${itemMinimum} <= end - pos`
      : `${items}.length + ${count.name} <= ${MAX_ZERO_BYTE_ITEMS}`;
    return `const ${items} = [];\nfor (;;) {\n${count.code}if (${count.name} === 0) break;\n`
      + `if (${count.name} < 0) {\n${count.name} = -${count.name};\n${size.code}}\n` // block size in bytes, skipped
      + `if (!(${fits})) ${GIVE_UP}\n`
      + `for (let ${j} = 0; ${j} < ${count.name}; ${j}++) {\n${readItem((value) => `${items}.push(${value});\n`)}}\n}\n`
      + assign(items);
  }

  /** A record of the model from its writer record: fields in the writer's order, absent ones left out. */
  record(table: FieldTable, writer: avro.Type, assign: (value: string) => string): string {
    const out = this.variable('out');
    let code = `const ${out} = {};\n`;
    for (const field of parts(writer).fields) {
      const spec = table.find((candidate) => candidate.name === field.name);
      if (spec === undefined) {
        // A field the model does not have: stepped over, still bounds- and UTF-8-checked.
        const skip = this.constant(compileSkip(field.type));
        code += `cursor.buf = buf; cursor.pos = pos;\nif (!${skip}(cursor)) ${GIVE_UP}\npos = cursor.pos;\n`;
        continue;
      }
      if (!IDENTIFIER.test(spec.name)) throw new Unhandled(spec.name);
      code += this.field(spec.type, field.type, (value) => `${out}.${spec.name} = ${value};\n`);
    }
    return code + assign(out);
  }

  /** A model field from its writer type: T or a two-branch union of null and T (either order). */
  private field(kind: FieldKind, writer: avro.Type, assign: (value: string) => string): string {
    if (!writer.typeName.startsWith('union')) return this.value(kind, writer, assign);
    const branches = parts(writer).types;
    const nullAt = branches.findIndex((branch) => branch.typeName === 'null');
    const valueType = branches[1 - nullAt];
    if (branches.length !== 2 || nullAt === -1 || valueType === undefined) throw new Unhandled(writer.typeName);
    const branch = this.long();
    // null: the field is absent from the model.
    return `${branch.code}if (${branch.name} !== ${nullAt}) {\nif (${branch.name} !== ${1 - nullAt}) ${GIVE_UP}\n`
      + `${this.value(kind, valueType, assign)}}\n`;
  }
}

/** The one-pass decoder for callbacks written with `writer`, or undefined when its shape is not handled. */
export function compileCallbackDecoder(writer: avro.Type): CallbackDecoder | undefined {
  if (writer.typeName !== 'record') return undefined;
  const source = new ReaderSource();
  let body: string;
  try {
    body = source.record(CALLBACK_FIELDS, writer, (callback) => `if (pos !== end) ${GIVE_UP}\nreturn { callback: ${callback}, unknownEnumValues: unknown };\n`);
  } catch (error) {
    if (error instanceof Unhandled) return undefined;
    throw error;
  }
  const names = source.constants.map((_, i) => `k${i}`);
  const helpers = Object.keys(READ_HELPERS);
  // Generated from the writer's types and the model's own field table only (names checked as
  // identifiers, enum paths and symbols as constants or JSON literals), as avsc does.
  const build = new Function(...helpers, 'cursor', ...names,
    `return function decode(buf) {\nconst end = buf.length;\nlet pos = 0;\nconst unknown = {};\n${body}};`) as
    (...args: unknown[]) => CallbackDecoder;
  // One cursor per decoder for the skippers of fields the model does not have: decoding is synchronous.
  const cursor: Cursor = { buf: Buffer.alloc(0), pos: 0 };
  return build(...Object.values(READ_HELPERS), cursor, ...source.constants);
}
