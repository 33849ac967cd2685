// Avro binary writers built once per type, for the enriched record's parts around the callback
// (the callback itself is usually the input's bytes, copied). avsc's encode dispatches through
// its generic type classes for every value: union buckets, record defaults, a byteLength and a
// method call per string. A writer generated per type does the same work with the type resolved once.
//
// The bytes must equal avsc's exactly (a property test holds them to `toBuffer`), including its
// quirks: strings of 64 bytes or less are written by avsc's own code-unit loop (a lone surrogate
// becomes three bytes there, U+FFFD above 64 bytes), and a field with a default that is
// `undefined` gets the default. A value avsc would reject clears `ok` instead of throwing: the
// caller then asks avsc, which throws its own message (ENCODE_ERROR keeps its wording).
import type avro from 'avsc';

export interface WriteCursor {
  buf: Buffer;
  /** May run past buf.length: writes beyond it are dropped, and the caller grows the buffer. */
  pos: number;
  /** Cleared when a value does not fit the schema. */
  ok: boolean;
}
export type AvroWrite = (c: WriteCursor, value: unknown) => void;

/** The parts of avsc's Type classes read here (public properties, typed per kind by avsc). */
interface TypeParts {
  typeName: string;
  fields: Array<{ name: string; type: avro.Type; defaultValue(): unknown }>;
  types: avro.Type[];
  symbols: string[];
  itemsType: avro.Type;
  valuesType: avro.Type;
}
const parts = (type: avro.Type): TypeParts => type as unknown as TypeParts;

/** Buffer's own encoder (public on Buffer, missing from @types/node); avsc writes with it too. */
interface Utf8Writer { utf8Write(text: string, offset: number, length: number): number }

const SAFE_LONG = 9_007_199_254_740_990; // avsc's isSafeLong bound

/** avsc's zigzag varint (Tap.writeLong), so numbers come out bit for bit alike. */
export function writeLong(c: WriteCursor, n: number): void {
  const { buf } = c;
  if (n >= -1_073_741_824 && n < 1_073_741_824) {
    let m = n >= 0 ? n << 1 : (~n << 1) | 1;
    while (m > 0x7f) {
      buf[c.pos++] = (m & 0x7f) | 0x80;
      m >>= 7;
    }
    buf[c.pos++] = m;
  } else {
    let f = n >= 0 ? n * 2 : (-n * 2) - 1;
    while (f >= 128) {
      buf[c.pos++] = (f & 0x7f) | 0x80;
      f /= 128;
    }
    buf[c.pos++] = f & 0x7f;
  }
}

/** avsc's Tap.writeString for a string holding a non-ASCII code unit. */
function writeStringAsAvsc(c: WriteCursor, s: string): void {
  const length = Buffer.byteLength(s);
  writeLong(c, length);
  const { buf } = c;
  let pos = c.pos;
  c.pos += length;
  if (c.pos > buf.length) return;
  if (length > 64) {
    (buf as unknown as Utf8Writer).utf8Write(s, pos, length);
    return;
  }
  for (let i = 0; i < s.length; i++) {
    let code = s.charCodeAt(i);
    if (code < 0x80) {
      buf[pos++] = code;
    } else if (code < 0x800) {
      buf[pos++] = (code >> 6) | 0xc0;
      buf[pos++] = (code & 0x3f) | 0x80;
    } else if ((code & 0xfc00) === 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      code = 0x10000 + ((code & 0x03ff) << 10) + (s.charCodeAt(++i) & 0x03ff);
      buf[pos++] = (code >> 18) | 0xf0;
      buf[pos++] = ((code >> 12) & 0x3f) | 0x80;
      buf[pos++] = ((code >> 6) & 0x3f) | 0x80;
      buf[pos++] = (code & 0x3f) | 0x80;
    } else {
      buf[pos++] = (code >> 12) | 0xe0;
      buf[pos++] = ((code >> 6) & 0x3f) | 0x80;
      buf[pos++] = (code & 0x3f) | 0x80;
    }
  }
}

/**
 * One Avro string. Nearly every string here is ASCII (numbers, ids, zones, topics), so the
 * length is written as if it were and the code units copied; the first non-ASCII one rewinds
 * to avsc's way. At these lengths (10–64 bytes) the loop beat Buffer's native writers.
 */
export function writeString(c: WriteCursor, s: string): void {
  const start = c.pos;
  const n = s.length;
  writeLong(c, n);
  const { buf } = c;
  let pos = c.pos;
  for (let i = 0; i < n; i++) {
    const code = s.charCodeAt(i);
    if (code >= 0x80) {
      c.pos = start;
      writeStringAsAvsc(c, s);
      return;
    }
    buf[pos++] = code;
  }
  c.pos = pos;
}

// The writer is generated as one function of straight-line code (as avsc generates its record
// writers): fields read by name (`v.derived`), checks and loops inline. A first version made of
// one closure per type was only 18 % faster than avsc, its calls and keyed loads megamorphic.

/** avsc's union bucket of a branch type, as a test on a value (avsc's getValueBucket). */
const BUCKET_TEST: Readonly<Record<string, (x: string) => string>> = {
  null: (x) => `${x} === null`,
  boolean: (x) => `typeof ${x} === 'boolean'`,
  number: (x) => `typeof ${x} === 'number'`,
  string: (x) => `typeof ${x} === 'string'`,
  array: (x) => `Array.isArray(${x})`,
  object: (x) => `typeof ${x} === 'object' && ${x} !== null && !Array.isArray(${x}) && !Buffer.isBuffer(${x})`,
};
const BUCKET_OF_TYPE: Readonly<Record<string, string>> = {
  null: 'null', boolean: 'boolean', int: 'number', long: 'number', string: 'string', enum: 'string',
  array: 'array', map: 'object', record: 'object',
};
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const FAIL = 'c.ok = false; return;';

/** Builds the source of one writer; constants (enum tables) go to `constants`, named k0, k1, …. */
class WriterSource {
  private variables = 0;
  readonly constants: unknown[] = [];

  private variable(prefix: string): string {
    return `${prefix}${this.variables++}`;
  }

  private constant(value: unknown): string {
    this.constants.push(value);
    return `k${this.constants.length - 1}`;
  }

  /** Statements that write `x` (a variable name) as `type`, or leave the writer with ok cleared. */
  write(type: avro.Type, x: string): string {
    const kind = parts(type).typeName;
    switch (kind) {
      case 'null':
        return `if (${x} !== null) { ${FAIL} }\n`;
      case 'boolean':
        return `if (typeof ${x} !== 'boolean') { ${FAIL} }\nc.buf[c.pos++] = ${x} ? 1 : 0;\n`;
      case 'int':
        return `if (${x} !== (${x} | 0)) { ${FAIL} }\nwriteLong(c, ${x});\n`;
      case 'long':
        return `if (typeof ${x} !== 'number' || ${x} % 1 !== 0 || !(${x} >= ${-SAFE_LONG} && ${x} <= ${SAFE_LONG})) { ${FAIL} }\nwriteLong(c, ${x});\n`;
      case 'string':
        return `if (typeof ${x} !== 'string') { ${FAIL} }\nwriteString(c, ${x});\n`;
      case 'enum': {
        const table = this.constant(new Map(parts(type).symbols.map((symbol, index) => [symbol, index])));
        const index = this.variable('i');
        return `const ${index} = ${table}.get(${x});\nif (${index} === undefined) { ${FAIL} }\nwriteLong(c, ${index});\n`;
      }
      case 'array': {
        const [i, item] = [this.variable('n'), this.variable('v')];
        return `if (!Array.isArray(${x})) { ${FAIL} }\nif (${x}.length > 0) writeLong(c, ${x}.length);\n`
          + `for (let ${i} = 0; ${i} < ${x}.length; ${i}++) {\nconst ${item} = ${x}[${i}];\n${this.write(parts(type).itemsType, item)}}\n`
          + 'c.buf[c.pos++] = 0;\n'; // the end of the blocks
      }
      case 'map': {
        const [keys, i, value] = [this.variable('keys'), this.variable('n'), this.variable('v')];
        return `if (typeof ${x} !== 'object' || ${x} === null || Array.isArray(${x})) { ${FAIL} }\n`
          + `const ${keys} = Object.keys(${x});\nif (${keys}.length > 0) writeLong(c, ${keys}.length);\n`
          + `for (let ${i} = 0; ${i} < ${keys}.length; ${i}++) {\nwriteString(c, ${keys}[${i}]);\nconst ${value} = ${x}[${keys}[${i}]];\n`
          + `${this.write(parts(type).valuesType, value)}}\nc.buf[c.pos++] = 0;\n`;
      }
      case 'record':
        return this.writeRecord(type, x);
      case 'union:unwrapped':
        return this.writeUnion(type, x);
      default:
        throw new Error(`Avro type ${kind} not supported`);
    }
  }

  private writeRecord(type: avro.Type, x: string): string {
    let code = `if (typeof ${x} !== 'object' || ${x} === null) { ${FAIL} }\n`;
    for (const field of parts(type).fields) {
      if (!IDENTIFIER.test(field.name)) throw new Error(`field name ${field.name} is not an identifier`);
      const value = this.variable('v');
      code += `const ${value} = ${x}.${field.name};\n`;
      const fallback = field.defaultValue();
      if (fallback === undefined) {
        code += this.write(field.type, value);
      } else {
        // avsc writes the default's own encoding for an undefined value.
        const bytes = [...field.type.toBuffer(fallback)].map((byte) => `c.buf[c.pos++] = ${byte};`).join(' ');
        code += `if (${value} === undefined) { ${bytes} } else {\n${this.write(field.type, value)}}\n`;
      }
    }
    return code;
  }

  private writeUnion(type: avro.Type, x: string): string {
    const seen = new Set<string>();
    const branches = parts(type).types.map((branch, index) => {
      const bucket = BUCKET_OF_TYPE[parts(branch).typeName];
      if (bucket === undefined || seen.has(bucket)) throw new Error(`union branch ${parts(branch).typeName} not supported`);
      seen.add(bucket);
      return `if (${BUCKET_TEST[bucket]!(x)}) {\nwriteLong(c, ${index});\n${this.write(branch, x)}}`;
    });
    return `${branches.join(' else ')} else { ${FAIL} }\n`;
  }
}

/** A writer for `type`; throws for a kind it does not handle (the caller then keeps avsc's). */
export function compileAvroWriter(type: avro.Type): AvroWrite {
  const source = new WriterSource();
  const body = source.write(type, 'value');
  const names = source.constants.map((_, i) => `k${i}`);
  // Generated from the schema's types only (field names checked as identifiers), as avsc does.
  const build = new Function('writeLong', 'writeString', ...names, `return function write(c, value) {\n${body}};`) as
    (...args: unknown[]) => AvroWrite;
  return build(writeLong, writeString, ...source.constants);
}
