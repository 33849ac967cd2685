// The model as the canonical Avro record of avro/ConversationNotificationCallback.avsc: every
// field present (null when absent), free-form objects as JSON strings. `produce` and the
// enriched encoder hand this to avsc.
import { CALLBACK_FIELDS, type FieldKind, type FieldTable } from './callbackFields.js';
import type { ConversationNotificationCallback } from './types.js';

/** A record in the shape avsc encodes: field name → Avro value (null for absent). */
export type AvroRecord = Record<string, unknown>;

function encodeValue(type: FieldKind, value: unknown): unknown {
  switch (type.kind) {
    case 'json':
      return JSON.stringify(value);
    case 'record':
      return encodeFields(type.fields, value as Record<string, unknown>);
    case 'recordArray':
      return (value as Array<Record<string, unknown>>).map((item) => encodeFields(type.fields, item));
    default:
      return value;
  }
}

function encodeFields(fields: FieldTable, value: Record<string, unknown>): AvroRecord {
  const out: AvroRecord = {};
  for (const field of fields) {
    const fieldValue = value[field.name];
    out[field.name] = fieldValue === undefined || fieldValue === null ? null : encodeValue(field.type, fieldValue);
  }
  return out;
}

export function toAvroCallback(callback: ConversationNotificationCallback): AvroRecord {
  return encodeFields(CALLBACK_FIELDS, callback as Record<string, unknown>);
}
