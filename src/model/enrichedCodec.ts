// The enriched record in Avro binary, against avro/EnrichedConversationCallback.avsc (no wire
// header: framing it for the registry is the pipeline's job). The model and the Avro record
// differ only inside `callback`: absent vs null, and free-form objects vs JSON strings. Both
// directions reuse the callback's own converters, so the field table stays the one authority.
import type avro from 'avsc';
import { projectSchemas } from '../schemas/avroSchemas.js';
import { mapAvroCallback } from './mapAvroCallback.js';
import { toAvroCallback } from './toAvroCallback.js';
import type {
  CampaignReference, DerivedFields, EnrichedConversationCallback, SourceRecord,
} from './types.js';

function enrichedType(): avro.Type {
  return projectSchemas().types.enriched;
}

/** Avro binary of one enriched record; throws when a value does not fit the schema (ENCODE_ERROR). */
export function encodeEnriched(enriched: EnrichedConversationCallback): Buffer {
  // avsc writes a field's default for an undefined value and reads only the schema's fields,
  // so a shallow copy with the callback converted is all it needs.
  return enrichedType().toBuffer({ ...enriched, callback: toAvroCallback(enriched.callback) });
}

interface DecodedEnriched {
  eventId: string;
  callback: unknown;
  unknownEnumValues: Record<string, string>;
  derived: DerivedFields;
  campaign: CampaignReference | null;
  source: SourceRecord | null;
  processedAt: number;
}

/** The model of one enriched record from its Avro binary; throws on bytes that are not one. */
export function decodeEnriched(buffer: Buffer): EnrichedConversationCallback {
  const decoded = enrichedType().fromBuffer(buffer) as DecodedEnriched;
  const mapped = mapAvroCallback(decoded.callback);
  if (!mapped.ok) throw new Error(`enriched record holds a bad callback: ${mapped.error.message}`);
  // avsc decodes records into instances of generated classes; hand out plain objects.
  return {
    eventId: decoded.eventId,
    callback: mapped.value.callback,
    unknownEnumValues: { ...decoded.unknownEnumValues },
    derived: { ...decoded.derived },
    campaign: decoded.campaign === null ? null : { ...decoded.campaign },
    source: decoded.source === null ? null : { ...decoded.source },
    processedAt: decoded.processedAt,
  };
}
