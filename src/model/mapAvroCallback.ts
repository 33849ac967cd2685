// A callback decoded by avsc with its *writer's* schema into the model. Decoding with the
// writer's schema keeps unknown enum symbols (a reader enum default would replace them), so
// the SDK fallback runs here instead, and any writer that uses the field names can be read:
// enums as Avro enums or plain strings, extra fields ignored, a field of another type rejected.
import { CALLBACK_FIELDS } from './callbackFields.js';
import { isDateTimeInRange } from './dateTime.js';
import { Invalid, mapCallbackFields, type SourceDecoders } from './mapFields.js';
import { decodeDateTime, isJsonObject } from './mapGenesysJson.js';
import type { JsonObject, MappedCallback, MappingRejection, Result } from './types.js';

function decodeJsonString(value: unknown): JsonObject | Invalid {
  if (typeof value !== 'string') return Invalid.of('not a JSON string', value);
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return Invalid.of('not valid JSON', value);
  }
  return isJsonObject(parsed) ? parsed : Invalid.of('not a JSON object', value);
}

const AVRO_DECODERS: SourceDecoders = {
  // avsc gives a long as a number; with a logical-type hook or a custom long type a writer's
  // timestamp may also arrive as a Date or a bigint.
  dateTime(value) {
    const millis = value instanceof Date ? value.getTime() : typeof value === 'bigint' ? Number(value) : undefined;
    if (millis === undefined) return decodeDateTime(value);
    return isDateTimeInRange(millis) ? millis : Invalid.of('not a date-time', value);
  },
  json: decodeJsonString,
};

export function mapAvroCallback(record: unknown): Result<MappedCallback, MappingRejection> {
  return mapCallbackFields(CALLBACK_FIELDS, record, AVRO_DECODERS);
}
