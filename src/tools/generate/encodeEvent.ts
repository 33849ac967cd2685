// A generated event as the bytes `produce` sends. Pure: schema ids and avsc Types come in, so
// the same event and ids always give the same bytes (the shell registers and fetches the ids).
import type avro from 'avsc';
import { toAvroCallback, type AvroRecord } from '../../model/toAvroCallback.js';
import type { ConversationNotificationCallback } from '../../model/types.js';
import { encodeWire } from '../../pipeline/encodeWire.js';
import type { GeneratedEvent, RawEnums } from './generateEvents.js';

export interface WriterCodec {
  schemaId: number;
  type: avro.Type;
}

export interface WriterCodecs {
  canonical: WriterCodec;
  /** Needed only when the events hold that kind. */
  unknownEnum?: WriterCodec;
  evolved?: WriterCodec;
}

/** Far above any id a registry hands out in practice: the registry answers not-found. */
export const UNKNOWN_SCHEMA_ID_BASE = 0x7f00_0000;

function withRawEnums(record: AvroRecord, raw: RawEnums): AvroRecord {
  const out = { ...record };
  if (raw.state !== undefined) out.state = raw.state;
  if (raw.direction !== undefined) out.direction = raw.direction;
  if (raw.disconnectType !== undefined) out.disconnectType = raw.disconnectType;
  if (raw['voicemail.uploadStatus'] !== undefined) {
    out.voicemail = { ...(out.voicemail as AvroRecord), uploadStatus: raw['voicemail.uploadStatus'] };
  }
  return out;
}

function requireCodec(codec: WriterCodec | undefined, kind: string): WriterCodec {
  if (!codec) throw new Error(`no writer schema registered for ${kind} events`);
  return codec;
}

/**
 * The callback as avsc takes it. avsc writes a field's null default for an undefined value, so
 * only free-form objects need converting (to JSON strings); most generated callbacks go as they
 * are, which spares the generator its largest cost after the PRNG.
 */
function toWriterRecord(callback: ConversationNotificationCallback): AvroRecord {
  const preview = callback.dialerPreview;
  const holdsJson = callback.additionalProperties !== undefined || preview?.additionalProperties !== undefined
    || preview?.phoneNumberColumns?.some((column) => column.additionalProperties !== undefined) === true;
  return holdsJson ? toAvroCallback(callback) : (callback as AvroRecord);
}

export function encodeEvent(event: GeneratedEvent, codecs: WriterCodecs): Buffer {
  const record = toWriterRecord(event.callback);
  switch (event.kind) {
    case 'canonical':
      return encodeWire(codecs.canonical.schemaId, codecs.canonical.type.toBuffer(record));
    case 'unknownEnum': {
      const codec = requireCodec(codecs.unknownEnum, event.kind);
      return encodeWire(codec.schemaId, codec.type.toBuffer(withRawEnums(record, event.rawEnums)));
    }
    case 'evolved': {
      const codec = requireCodec(codecs.evolved, event.kind);
      return encodeWire(codec.schemaId, codec.type.toBuffer({ ...withRawEnums(record, event.rawEnums), queueId: event.queueId }));
    }
    case 'poison':
      return encodePoison(event, record, codecs.canonical);
  }
}

function encodePoison(event: Extract<GeneratedEvent, { kind: 'poison' }>, record: AvroRecord, canonical: WriterCodec): Buffer {
  const payload = canonical.type.toBuffer(record);
  switch (event.poison) {
    case 'MAGIC_BYTE':
      // Someone produced JSON, or a value too short to hold a wire header.
      return event.variant < 0.7
        ? Buffer.from(JSON.stringify(event.callback))
        : Buffer.from([0, 0, 1].slice(0, 1 + Math.floor(event.variant * 10) % 3));
    case 'UNKNOWN_SCHEMA':
      return encodeWire(UNKNOWN_SCHEMA_ID_BASE + Math.floor(event.variant * 0xffff), payload);
    case 'DECODE_ERROR': {
      // Any strict prefix fails to decode: the writer schema needs every byte of the body.
      const cut = 1 + Math.floor(event.variant * (payload.length - 1));
      return encodeWire(canonical.schemaId, payload.subarray(0, cut));
    }
  }
}
