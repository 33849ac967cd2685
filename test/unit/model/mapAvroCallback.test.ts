import { fileURLToPath } from 'node:url';
import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { mapAvroCallback } from '../../../src/model/mapAvroCallback.js';
import { formatRejection } from '../../../src/model/mapFields.js';
import { readAvsc } from '../../../src/schemas/avroSchemas.js';

const writerType = (file: string): avro.Type =>
  avro.Type.forSchema(readAvsc(fileURLToPath(new URL(`../../fixtures/writers/${file}`, import.meta.url))) as avro.Schema);
const T = Date.UTC(2024, 2, 7, 10, 15, 30, 123);

/** What the worker does: decode with the writer's own schema, then map. */
function roundTripWith(writer: avro.Type, record: Record<string, unknown>): ReturnType<typeof mapAvroCallback> {
  return mapAvroCallback(writer.fromBuffer(writer.toBuffer(record)));
}

/** A one-off writer that declares the given fields (name → Avro type), each nullable. */
function writerDeclaring(fields: Record<string, unknown>): avro.Type {
  return avro.Type.forSchema({
    type: 'record',
    name: 'ConversationNotificationCallback',
    fields: Object.entries(fields).map(([name, type]) => ({ name, type: ['null', type], default: null })),
  } as avro.Schema);
}

describe('mapAvroCallback: writers other than the canonical schema', () => {
  it('reads a newer writer: extra symbols fall back with the raw symbol kept, the extra field is ignored', () => {
    const newer = writerType('newer.avsc');
    const result = roundTripWith(newer, {
      state: 'PARKED', queueId: 'q-1', id: 'c1', direction: 'INTERNAL', disconnectType: 'CARRIER_REJECTED',
      voicemail: { id: 'v', uploadStatus: 'ARCHIVED' }, connectedTime: T,
    });
    expect(result).toEqual({
      ok: true,
      value: {
        callback: {
          state: 'OutdatedSdkVersion', id: 'c1', direction: 'OutdatedSdkVersion', disconnectType: 'OutdatedSdkVersion',
          voicemail: { id: 'v', uploadStatus: 'OutdatedSdkVersion' }, connectedTime: T,
        },
        unknownEnumValues: {
          state: 'PARKED', direction: 'INTERNAL', disconnectType: 'CARRIER_REJECTED', 'voicemail.uploadStatus': 'ARCHIVED',
        },
      },
    });
  });

  it('reads a newer writer sending known symbols as they are', () => {
    const newer = writerType('newer.avsc');
    expect(roundTripWith(newer, { state: 'SCHEDULED', direction: 'INBOUND' })).toEqual({
      ok: true, value: { callback: { state: 'SCHEDULED', direction: 'INBOUND' }, unknownEnumValues: {} },
    });
  });

  it('reads an older writer whose enums are strings: any case becomes canonical, unknowns keep their raw text', () => {
    const older = writerType('older.avsc');
    const result = roundTripWith(older, {
      state: 'connected', direction: 'Inbound', disconnectType: 'transfer_forward', held: true,
      voicemail: { uploadStatus: 'uploaded-ok' }, additionalProperties: '{"legacy":true}',
    });
    expect(result).toEqual({
      ok: true,
      value: {
        callback: {
          state: 'CONNECTED', direction: 'INBOUND', disconnectType: 'TRANSFER_FORWARD', held: true,
          voicemail: { uploadStatus: 'OutdatedSdkVersion' }, additionalProperties: { legacy: true },
        },
        unknownEnumValues: { 'voicemail.uploadStatus': 'uploaded-ok' },
      },
    });
  });
});

describe('mapAvroCallback: Avro-specific decoding', () => {
  it.each([
    ['additionalProperties: a JSON string becomes an object', { additionalProperties: 'string' }, { additionalProperties: '{"a":[1,{"b":null}]}' }, { additionalProperties: { a: [1, { b: null }] } }],
    ['date-times: a long', { connectedTime: { type: 'long', logicalType: 'timestamp-millis' } }, { connectedTime: T }, { connectedTime: T }],
    ['date-times: an ISO string from a writer that declares strings', { connectedTime: 'string' }, { connectedTime: '2024-03-07T10:15:30.123Z' }, { connectedTime: T }],
    ['timeoutSeconds: a long in int range', { timeoutSeconds: 'long' }, { timeoutSeconds: 45 }, { timeoutSeconds: 45 }],
    ['nulls become absent', { id: 'string', dialerPreview: { type: 'record', name: 'P', fields: [{ name: 'campaignId', type: ['null', 'string'], default: null }] } }, { id: null, dialerPreview: { campaignId: null } }, { dialerPreview: {} }],
  ])('%s', (_label, fields, record, callback) => {
    expect(roundTripWith(writerDeclaring(fields), record)).toEqual({ ok: true, value: { callback, unknownEnumValues: {} } });
  });

  it('accepts date-times handed over as Date (a logical-type hook) or bigint (a custom long type)', () => {
    expect(mapAvroCallback({ connectedTime: new Date(T), disconnectedTime: BigInt(T) })).toEqual({
      ok: true, value: { callback: { connectedTime: T, disconnectedTime: T }, unknownEnumValues: {} },
    });
  });

  it.each([
    ['additionalProperties that is not JSON', { additionalProperties: 'string' }, { additionalProperties: '{bad' }, 'additionalProperties: not valid JSON: "{bad"'],
    ['additionalProperties that is a JSON array', { additionalProperties: 'string' }, { additionalProperties: '[1]' }, 'additionalProperties: not a JSON object: "[1]"'],
    ['additionalProperties that is JSON null', { additionalProperties: 'string' }, { additionalProperties: 'null' }, 'additionalProperties: not a JSON object: "null"'],
    ['additionalProperties declared as a map', { additionalProperties: { type: 'map', values: 'string' } }, { additionalProperties: { a: 'b' } }, 'additionalProperties: not a JSON string: {"a":"b"}'],
    ['nested additionalProperties that is not JSON', { dialerPreview: { type: 'record', name: 'P', fields: [{ name: 'additionalProperties', type: 'string' }] } }, { dialerPreview: { additionalProperties: 'nope' } }, 'dialerPreview.additionalProperties: not valid JSON: "nope"'],
    ['held declared as a string', { held: 'string' }, { held: 'true' }, 'held: not a boolean: "true"'],
    ['timeoutSeconds declared as a double', { timeoutSeconds: 'double' }, { timeoutSeconds: 2.5 }, 'timeoutSeconds: not a 32-bit integer: 2.5'],
    ['timeoutSeconds beyond int', { timeoutSeconds: 'long' }, { timeoutSeconds: 2 ** 40 }, 'timeoutSeconds: not a 32-bit integer: 1099511627776'],
    ['a date-time declared as a free string', { connectedTime: 'string' }, { connectedTime: 'yesterday' }, 'connectedTime: not a date-time: "yesterday"'],
    ['a date-time declared as a double', { connectedTime: 'double' }, { connectedTime: 1.5 }, 'connectedTime: not a date-time: 1.5'],
    ['a date-time declared as bytes', { connectedTime: 'bytes' }, { connectedTime: Buffer.from('x') }, 'connectedTime: not a date-time: bytes(1)'],
    ['an enum declared as an int', { state: 'int' }, { state: 3 }, 'state: not a string: 3'],
    ['callbackNumbers declared as one string', { callbackNumbers: 'string' }, { callbackNumbers: '+13175550123' }, 'callbackNumbers: not an array: "+13175550123"'],
    ['callbackNumbers of longs', { callbackNumbers: { type: 'array', items: 'long' } }, { callbackNumbers: [3175550123] }, 'callbackNumbers[0]: not a string: 3175550123'],
    ['dialerPreview declared as bytes', { dialerPreview: 'bytes' }, { dialerPreview: Buffer.from('ab') }, 'dialerPreview: not an object: bytes(2)'],
    ['voicemail.uploadStatus declared as a boolean', { voicemail: { type: 'record', name: 'V', fields: [{ name: 'uploadStatus', type: 'boolean' }] } }, { voicemail: { uploadStatus: true } }, 'voicemail.uploadStatus: not a string: true'],
  ])('rejects %s', (_label, fields, record, text) => {
    const result = roundTripWith(writerDeclaring(fields), record);
    const path = text.slice(0, text.indexOf(':'));
    expect(result).toEqual({ ok: false, error: { path, message: text.slice(path.length + 2) } });
    if (!result.ok) expect(formatRejection(result.error)).toBe(text);
  });
});
