// Genesys JSON, as the platform and the SDK write it, into the model.
import { CALLBACK_FIELDS } from './callbackFields.js';
import { isDateTimeInRange, parseIsoDateTime } from './dateTime.js';
import { findLoneSurrogate, hasLoneSurrogate } from './findLoneSurrogate.js';
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

/** Where the mapped record holds a string UTF-8 cannot encode; fields the model drops don't count. */
function findUnencodable(mapped: MappedCallback): string | undefined {
  for (const [path, raw] of Object.entries(mapped.unknownEnumValues)) if (hasLoneSurrogate(raw)) return path;
  return findLoneSurrogate(mapped.callback);
}

/** `parsed` is the result of JSON.parse of one notification. */
export function mapGenesysJson(parsed: unknown): Result<MappedCallback, MappingRejection> {
  const mapped = mapCallbackFields(CALLBACK_FIELDS, parsed, JSON_DECODERS);
  if (!mapped.ok) return mapped;
  const path = findUnencodable(mapped.value);
  if (path === undefined) return mapped;
  return { ok: false, error: { path, message: 'not valid Unicode: a lone surrogate, which UTF-8 cannot encode' } };
}
