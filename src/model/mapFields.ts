// The one mapper behind mapAvroCallback and mapGenesysJson: it walks a field table over a
// source object. The two sources differ only in how a date-time and a free-form JSON object
// arrive, so those two come in as decoders. Null and absent both become absent; fields the
// table does not name are ignored; the first wrong value rejects the whole record.
import type { FieldKind, FieldTable } from './callbackFields.js';
import { describeValue } from './describeValue.js';
import type {
  ConversationNotificationCallback, EpochMillis, JsonObject, MappedCallback, MappingRejection,
  Result, UnknownEnumValues,
} from './types.js';

/** A wrong value: the reason, and where it sits below the field that is being decoded. */
export class Invalid {
  constructor(readonly reason: string, readonly path: string = '') {}

  static of(what: string, value: unknown): Invalid {
    return new Invalid(`${what}: ${describeValue(value)}`);
  }

  /** This failure seen from one level up: `voicemail` + `uploadStatus`, `numbers` + `[2]`. */
  under(segment: string): Invalid {
    const path = this.path === '' ? segment : this.path.startsWith('[') ? segment + this.path : `${segment}.${this.path}`;
    return new Invalid(this.reason, path);
  }
}

export interface SourceDecoders {
  dateTime(value: unknown): EpochMillis | Invalid;
  json(value: unknown): JsonObject | Invalid;
}

const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;

// avsc hands records over as instances of generated classes, so any object will do, except
// the shapes other Avro types decode to (bytes, a Date from a logical type, an array).
function isRecordLike(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    && !(value instanceof Date) && !ArrayBuffer.isView(value);
}

function decodeValue(type: FieldKind, value: unknown, decoders: SourceDecoders, unknown: UnknownEnumValues): unknown {
  switch (type.kind) {
    case 'string':
      return typeof value === 'string' ? value : Invalid.of('not a string', value);
    case 'boolean':
      return typeof value === 'boolean' ? value : Invalid.of('not a boolean', value);
    case 'int':
      // timeoutSeconds is an Avro int: a value that could not be encoded again is bad here.
      return Number.isInteger(value) && (value as number) >= INT32_MIN && (value as number) <= INT32_MAX
        ? value : Invalid.of('not a 32-bit integer', value);
    case 'dateTime':
      return decoders.dateTime(value);
    case 'json':
      return decoders.json(value);
    case 'enum': {
      if (typeof value !== 'string') return Invalid.of('not a string', value);
      const resolved = type.resolve(value);
      if (resolved.raw !== undefined) unknown[type.path] = resolved.raw;
      return resolved.value;
    }
    case 'stringArray':
      return decodeArray(value, (item) => (typeof item === 'string' ? item : Invalid.of('not a string', item)));
    case 'record':
      return mapFields(type.fields, value, decoders, unknown);
    case 'recordArray':
      return decodeArray(value, (item) => mapFields(type.fields, item, decoders, unknown));
  }
}

function decodeArray(value: unknown, decodeItem: (item: unknown) => unknown): unknown[] | Invalid {
  if (!Array.isArray(value)) return Invalid.of('not an array', value);
  const items: unknown[] = new Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const item = decodeItem(value[i]);
    if (item instanceof Invalid) return item.under(`[${i}]`);
    items[i] = item;
  }
  return items;
}

/** The fields of `fields` read from `source`, or the first wrong one. */
export function mapFields(
  fields: FieldTable,
  source: unknown,
  decoders: SourceDecoders,
  unknown: UnknownEnumValues,
): Record<string, unknown> | Invalid {
  if (!isRecordLike(source)) return Invalid.of('not an object', source);
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const value = source[field.name];
    if (value === null || value === undefined) continue;
    const decoded = decodeValue(field.type, value, decoders, unknown);
    if (decoded instanceof Invalid) return decoded.under(field.name);
    out[field.name] = decoded;
  }
  return out;
}

export function toRejection(invalid: Invalid): MappingRejection {
  return { path: invalid.path, message: invalid.reason };
}

/** One line for people: `connectedTime: not a date-time: "yesterday"`. */
export function formatRejection(rejection: MappingRejection): string {
  return rejection.path === '' ? rejection.message : `${rejection.path}: ${rejection.message}`;
}

/** A whole callback through `mapFields`: the model and its fallbacks, or one rejection. */
export function mapCallbackFields(
  fields: FieldTable,
  source: unknown,
  decoders: SourceDecoders,
): Result<MappedCallback, MappingRejection> {
  const unknownEnumValues: UnknownEnumValues = {};
  const mapped = mapFields(fields, source, decoders, unknownEnumValues);
  if (mapped instanceof Invalid) return { ok: false, error: toRejection(mapped) };
  return { ok: true, value: { callback: mapped as ConversationNotificationCallback, unknownEnumValues } };
}
