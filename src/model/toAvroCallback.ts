// The model as the canonical Avro record of avro/ConversationNotificationCallback.avsc: every
// field present (null when absent), free-form objects as JSON strings. toAvscCallback is the
// cheap twin that the encoders (produce, the enriched codec) hand to avsc.
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

/** The part of a field table that can hold a free-form object, at any depth. */
function fieldsHoldingJson(fields: FieldTable): FieldTable {
  return fields.flatMap((field) => {
    const { type } = field;
    if (type.kind === 'json') return [field];
    if (type.kind !== 'record' && type.kind !== 'recordArray') return [];
    const inner = fieldsHoldingJson(type.fields);
    return inner.length === 0 ? [] : [{ name: field.name, type: { ...type, fields: inner } }];
  });
}

const JSON_HOLDERS = fieldsHoldingJson(CALLBACK_FIELDS);

function withJsonAsStrings(fields: FieldTable, value: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  for (const { name, type } of fields) {
    const fieldValue = value[name];
    if (fieldValue === undefined || fieldValue === null) continue;
    let encoded: unknown;
    if (type.kind === 'json') encoded = JSON.stringify(fieldValue);
    else if (type.kind === 'record') encoded = withJsonAsStrings(type.fields, fieldValue as Record<string, unknown>);
    else if (type.kind === 'recordArray') {
      encoded = (fieldValue as Array<Record<string, unknown>>).map((item) => withJsonAsStrings(type.fields, item));
    }
    if (encoded === fieldValue) continue;
    out ??= { ...value };
    out[name] = encoded;
  }
  return out ?? value;
}

/**
 * The callback as avsc takes it, writing the same bytes as toAvroCallback: free-form objects
 * as JSON strings, and only the paths that can hold one are copied. Everything else is already
 * in shape, because avsc writes a field's default (null) for an undefined value; rebuilding all
 * 20 fields of every callback (toAvroCallback) cost a tenth of the enrichment path and of
 * `produce`'s generator (BENCHMARKS.md). A test holds the bytes equal to toAvroCallback's.
 */
export function toAvscCallback(callback: ConversationNotificationCallback): AvroRecord {
  return withJsonAsStrings(JSON_HOLDERS, callback as Record<string, unknown>);
}
