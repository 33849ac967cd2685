// A generated event as the bytes `produce` sends. Pure: schema ids and avsc Types come in, so
// the same event and ids always give the same bytes (the shell registers and fetches the ids).
import type avro from 'avsc';
import { toAvscCallback, type AvroRecord } from '../../model/toAvroCallback.js';
import type { ConversationNotificationCallback } from '../../model/types.js';
import { writeWithScratch } from '../../model/writeWithScratch.js';
import { writeWireHeader } from '../../pipeline/encodeWire.js';
import { WIRE_HEADER_BYTES } from '../../pipeline/parseWireHeader.js';
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

/** The wire-format bytes `produce` sends for one event (writeEvent into a fresh Buffer). */
export function encodeEvent(event: GeneratedEvent, codecs: WriterCodecs): Buffer {
  return writeWithScratch((buffer) => writeEvent(event, codecs, buffer, 0));
}

/** Magic byte and schema id at `at`, then the record's Avro body; the end, or -1 if it does not fit. */
function writeFramed(type: avro.Type, schemaId: number, record: unknown, buffer: Buffer, at: number): number {
  if (at + WIRE_HEADER_BYTES > buffer.length) return -1;
  writeWireHeader(buffer, at, schemaId);
  const end = type.encode(record, buffer, at + WIRE_HEADER_BYTES);
  return end < 0 ? -1 : end;
}

/** One callback in a writer's schema, framed with its id (`produce --from-file`). */
export function encodeCallback(callback: ConversationNotificationCallback, codec: WriterCodec): Buffer {
  return writeWithScratch((buffer) => writeFramed(codec.type, codec.schemaId, toAvscCallback(callback), buffer, 0));
}

/**
 * Writes the wire-format bytes of one event into `buffer` from `at` (the worker thread writes a
 * whole batch into one buffer this way, with no Buffer per record). Answers the end position,
 * or -1 when the bytes do not fit (the caller retries with a bigger buffer).
 */
export function writeEvent(event: GeneratedEvent, codecs: WriterCodecs, buffer: Buffer, at: number): number {
  const record = toAvscCallback(event.callback);
  switch (event.kind) {
    case 'canonical':
      return writeFramed(codecs.canonical.type, codecs.canonical.schemaId, record, buffer, at);
    case 'unknownEnum': {
      const codec = requireCodec(codecs.unknownEnum, event.kind);
      return writeFramed(codec.type, codec.schemaId, withRawEnums(record, event.rawEnums), buffer, at);
    }
    case 'evolved': {
      const codec = requireCodec(codecs.evolved, event.kind);
      return writeFramed(codec.type, codec.schemaId, { ...withRawEnums(record, event.rawEnums), queueId: event.queueId }, buffer, at);
    }
    case 'poison':
      return writePoison(event, record, codecs.canonical, buffer, at);
  }
}

function writePoison(event: Extract<GeneratedEvent, { kind: 'poison' }>, record: AvroRecord, canonical: WriterCodec, buffer: Buffer, at: number): number {
  switch (event.poison) {
    case 'MAGIC_BYTE': {
      // Someone produced JSON, or a value too short to hold a wire header.
      const bytes = event.variant < 0.7
        ? Buffer.from(JSON.stringify(event.callback))
        : Buffer.from([0, 0, 1].slice(0, 1 + Math.floor(event.variant * 10) % 3));
      if (at + bytes.length > buffer.length) return -1;
      return at + bytes.copy(buffer, at);
    }
    case 'UNKNOWN_SCHEMA':
      return writeFramed(canonical.type, UNKNOWN_SCHEMA_ID_BASE + Math.floor(event.variant * 0xffff), record, buffer, at);
    case 'DECODE_ERROR': {
      // Any strict prefix fails to decode: the writer schema needs every byte of the body.
      const end = writeFramed(canonical.type, canonical.schemaId, record, buffer, at);
      if (end < 0) return -1;
      const bodyLength = end - at - WIRE_HEADER_BYTES;
      return at + WIRE_HEADER_BYTES + 1 + Math.floor(event.variant * (bodyLength - 1));
    }
  }
}
