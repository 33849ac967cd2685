// Genesys JSON, as the platform and the SDK write it, into the model.
import { CALLBACK_FIELDS } from './callbackFields.js';
import { isDateTimeInRange, parseIsoDateTime } from './dateTime.js';
import { Invalid, mapCallbackFields, type SourceDecoders } from './mapFields.js';
import type { EpochMillis, JsonObject, MappedCallback, MappingRejection, Result } from './types.js';

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A date-time as ISO-8601 with offset or as epoch millis; shared with the Avro path. */
export function decodeDateTime(value: unknown): EpochMillis | Invalid {
  if (typeof value === 'number' && isDateTimeInRange(value)) return value;
  if (typeof value === 'string') {
    const parsed = parseIsoDateTime(value);
    if (parsed !== undefined) return parsed;
  }
  return Invalid.of('not a date-time', value);
}

/** How JSON says a date-time and a free-form object. */
export const JSON_DECODERS: SourceDecoders = {
  dateTime: decodeDateTime,
  json: (value) => (isJsonObject(value) ? value : Invalid.of('not an object', value)),
};

/** `parsed` is the result of JSON.parse of one notification. */
export function mapGenesysJson(parsed: unknown): Result<MappedCallback, MappingRejection> {
  return mapCallbackFields(CALLBACK_FIELDS, parsed, JSON_DECODERS);
}
