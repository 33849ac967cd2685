// The enriched record in Avro binary, against avro/EnrichedConversationCallback.avsc (no wire
// header: framing it for the registry is the pipeline's job). The model and the Avro record
// differ only inside `callback`: absent vs null, and free-form objects vs JSON strings. Both
// directions are driven by the callback's field table (model/callbackFields.ts), the one
// authority on which fields are free-form.
import avro from 'avsc';
import { checkAvroBounds } from './checkAvroBounds.js';
import { compileAvroWriter, type AvroWrite, type WriteCursor } from './compileAvroWriter.js';
import { projectSchemas } from '../schemas/avroSchemas.js';
import { mapAvroCallback } from './mapAvroCallback.js';
import { toAvscCallback } from './toAvroCallback.js';
import { writeWithScratch } from './writeWithScratch.js';
import type {
  CampaignReference, DerivedFields, EnrichedConversationCallback, SourceRecord,
} from './types.js';

function enrichedType(): avro.Type {
  return projectSchemas().types.enriched;
}

function avroTypeFor(schema: unknown): avro.Type {
  return avro.Type.forSchema(schema as avro.Schema);
}

/**
 * Avro binary of one enriched record; throws when a value does not fit the schema (ENCODE_ERROR).
 * The first `reserve` bytes are left unwritten for the caller (the wire header).
 */
export function encodeEnriched(enriched: EnrichedConversationCallback, reserve = 0): Buffer {
  const callback = toAvscCallback(enriched.callback);
  // avsc reads only the schema's fields, so a shallow copy with the callback swapped will do.
  const value = callback === enriched.callback ? enriched : { ...enriched, callback };
  if (writeWhole === undefined) writeWhole = tryCompile(enrichedType()) ?? null;
  const write = writeWhole ?? undefined;
  return writeWithScratch((buffer, start) => encodePart(enrichedType(), write, value, buffer, start), reserve);
}

/** The whole record's compiled writer: undefined until first use, null when it cannot be compiled. */
let writeWhole: AvroWrite | null | undefined;

// An Avro record is its fields' encodings back to back, so the enriched record is
// eventId ‖ callback ‖ the rest, and the middle part can come from elsewhere.
interface SplitTypes {
  head: avro.Type;
  tail: avro.Type;
  /** The callback record exactly as the enriched schema embeds it. */
  callback: avro.Type;
  /** Writers compiled for head and tail (compileAvroWriter), or avsc's encode if one cannot be. */
  writeHead: AvroWrite | undefined;
  writeTail: AvroWrite | undefined;
}

let splitTypes: SplitTypes | undefined;

function enrichedSplitTypes(): SplitTypes {
  if (splitTypes === undefined) {
    const { fields, namespace } = projectSchemas().schemas.enriched;
    if (fields[0]?.name !== 'eventId' || fields[1]?.name !== 'callback') throw new Error('enriched schema: eventId, callback must come first');
    const part = (name: string, partFields: typeof fields): avro.Type =>
      avroTypeFor({ type: 'record', name, namespace, fields: partFields });
    const head = part('EnrichedHead', fields.slice(0, 1));
    const tail = part('EnrichedTail', fields.slice(2));
    splitTypes = { head, tail, callback: avroTypeFor(fields[1].type), writeHead: tryCompile(head), writeTail: tryCompile(tail) };
  }
  return splitTypes;
}

function tryCompile(type: avro.Type): AvroWrite | undefined {
  try {
    return compileAvroWriter(type);
  } catch {
    return undefined; // a kind the compiled writers do not handle: avsc encodes it
  }
}

const cursor: WriteCursor = { buf: Buffer.alloc(0), pos: 0, ok: true };

/** Like avsc's `type.encode(value, buffer, start)`: the end position, or < 0 when it overflows. */
function encodePart(type: avro.Type, write: AvroWrite | undefined, value: unknown, buffer: Buffer, start: number): number {
  if (write === undefined) return type.encode(value, buffer, start);
  cursor.buf = buffer;
  cursor.pos = start;
  cursor.ok = true;
  write(cursor, value);
  // A value outside the schema: avsc throws its own message for it (ENCODE_ERROR keeps its wording).
  if (!cursor.ok) return type.encode(value, buffer, start);
  return cursor.pos > buffer.length ? -1 : cursor.pos;
}

const canonicalByWriter = new WeakMap<avro.Type, boolean>();

/** Whether a writer encodes callbacks exactly as the enriched schema does (same canonical form). */
function writesLikeEnriched(writerType: avro.Type): boolean {
  let same = canonicalByWriter.get(writerType);
  if (same === undefined) {
    same = writerType.fingerprint().equals(enrichedSplitTypes().callback.fingerprint());
    canonicalByWriter.set(writerType, same);
  }
  return same;
}

/**
 * encodeEnriched for a record whose callback was mapped from `payload`, an Avro body written
 * with `writerType`. When that writer is the canonical callback schema, the payload already is
 * the callback's encoding in the enriched record (mapping loses nothing from it), so it is
 * copied instead of encoded again: encoding the callback was most of the output encode time
 * (BENCHMARKS.md). Free-form objects then keep the writer's own JSON text, which parses to the
 * same object. Any other writer (newer, older, unknown symbols) goes through encodeEnriched.
 */
export function encodeEnrichedFromInput(
  enriched: EnrichedConversationCallback,
  input: { writerType: avro.Type; payload: Buffer },
  reserve = 0,
): Buffer {
  if (!writesLikeEnriched(input.writerType)) return encodeEnriched(enriched, reserve);
  const { head, tail, writeHead, writeTail } = enrichedSplitTypes();
  const { payload } = input;
  return writeWithScratch((buffer, start) => {
    const headEnd = encodePart(head, writeHead, enriched, buffer, start);
    if (headEnd < 0 || headEnd + payload.length > buffer.length) return -1;
    payload.copy(buffer, headEnd);
    return encodePart(tail, writeTail, enriched, buffer, headEnd + payload.length);
  }, reserve);
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

/**
 * The model of one enriched record from its Avro binary; throws on bytes that are not one,
 * strings that are not UTF-8 included (avsc alone would read them as U+FFFD).
 */
export function decodeEnriched(buffer: Buffer): EnrichedConversationCallback {
  const violation = checkAvroBounds(enrichedType(), buffer);
  if (violation !== undefined) throw new Error(`not an enriched record: ${violation}`);
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
