import { describe, expect, it } from 'vitest';
import { formatRejection } from '../../../src/model/mapFields.js';
import { mapGenesysJson } from '../../../src/model/mapGenesysJson.js';

const T = Date.UTC(2024, 2, 7, 10, 15, 30, 123); // 2024-03-07T10:15:30.123Z

describe('mapGenesysJson: values that map', () => {
  it('maps a full notification, enums canonical, date-times as epoch millis', () => {
    const result = mapGenesysJson({
      state: 'disconnected', id: 'c1', direction: 'OUTBOUND', held: false, disconnectType: 'Endpoint',
      startHoldTime: '2024-03-07T10:15:30.123Z', callbackNumbers: ['+13175550123'], callbackUserName: 'Ann',
      scriptId: 's', peerId: 'p', skipEnabled: true, provider: 'PureCloud', timeoutSeconds: 30,
      connectedTime: T, disconnectedTime: '2024-03-07T11:15:30.123+01:00', callbackScheduledTime: '2024-03-07T10:15:30Z',
      automatedCallbackConfigId: 'a', additionalProperties: { crm: { ticket: 7 } },
      dialerPreview: { id: 'd', campaignId: 'camp', phoneNumberColumns: [{ columnName: 'Cell', type: 'cell', additionalProperties: {} }] },
      voicemail: { id: 'v', uploadStatus: 'complete' },
    });
    expect(result).toEqual({
      ok: true,
      value: {
        callback: {
          state: 'DISCONNECTED', id: 'c1', direction: 'OUTBOUND', held: false, disconnectType: 'ENDPOINT',
          startHoldTime: T, callbackNumbers: ['+13175550123'], callbackUserName: 'Ann', scriptId: 's', peerId: 'p',
          skipEnabled: true, provider: 'PureCloud', timeoutSeconds: 30, connectedTime: T, disconnectedTime: T,
          callbackScheduledTime: T - 123, automatedCallbackConfigId: 'a', additionalProperties: { crm: { ticket: 7 } },
          dialerPreview: { id: 'd', campaignId: 'camp', phoneNumberColumns: [{ columnName: 'Cell', type: 'cell', additionalProperties: {} }] },
          voicemail: { id: 'v', uploadStatus: 'COMPLETE' },
        },
        unknownEnumValues: {},
      },
    });
  });

  it.each([
    ['an empty object', {}, {}],
    ['null fields become absent', { state: null, id: null, voicemail: null, callbackNumbers: null }, {}],
    ['null inside nested records becomes absent', { voicemail: { id: null, uploadStatus: null } }, { voicemail: {} }],
    ['unknown extra fields are ignored', { id: 'x', selfUri: '/api/v2/x', wrapup: { code: 1 } }, { id: 'x' }],
    ['an empty callbackNumbers stays empty', { callbackNumbers: [] }, { callbackNumbers: [] }],
    ['negative epoch millis', { connectedTime: -1 }, { connectedTime: -1 }],
    ['ISO with a negative offset', { connectedTime: '2024-03-07T05:15:30.123-05:00' }, { connectedTime: T }],
    ['ISO without seconds', { connectedTime: '2024-03-07T10:15Z' }, { connectedTime: T - 30_123 }],
    ['ISO with nanoseconds (truncated to millis)', { connectedTime: '2024-03-07T10:15:30.123999999Z' }, { connectedTime: T }],
    ['ISO in year 0001', { connectedTime: '0001-01-01T00:00:00Z' }, { connectedTime: -62_135_596_800_000 }],
    ['a leap day', { connectedTime: '2024-02-29T00:00:00Z' }, { connectedTime: Date.UTC(2024, 1, 29) }],
    ['timeoutSeconds at the int limits', { timeoutSeconds: -2_147_483_648 }, { timeoutSeconds: -2_147_483_648 }],
  ] as const)('%s', (_label, input, callback) => {
    expect(mapGenesysJson(input)).toEqual({ ok: true, value: { callback, unknownEnumValues: {} } });
  });
});

describe('mapGenesysJson: enum fallbacks keep the raw value under the field path', () => {
  it.each([
    ['state', { state: 'PARKED' }, { state: 'OutdatedSdkVersion' }, { state: 'PARKED' }],
    ['direction', { direction: 'sideways' }, { direction: 'OutdatedSdkVersion' }, { direction: 'sideways' }],
    ['disconnectType', { disconnectType: 'CARRIER' }, { disconnectType: 'OutdatedSdkVersion' }, { disconnectType: 'CARRIER' }],
    ['voicemail.uploadStatus', { voicemail: { uploadStatus: 'ARCHIVED' } }, { voicemail: { uploadStatus: 'OutdatedSdkVersion' } }, { 'voicemail.uploadStatus': 'ARCHIVED' }],
    ['several at once', { state: 'x', direction: 'y' }, { state: 'OutdatedSdkVersion', direction: 'OutdatedSdkVersion' }, { state: 'x', direction: 'y' }],
  ] as const)('%s', (_label, input, callback, unknownEnumValues) => {
    expect(mapGenesysJson(input)).toEqual({ ok: true, value: { callback, unknownEnumValues } });
  });
});

describe('mapGenesysJson: wrong values reject the whole record, naming the field', () => {
  it.each([
    [[1, 2], '', 'not an object: [1,2]'],
    ['text', '', 'not an object: "text"'],
    [null, '', 'not an object: null'],
    [{ connectedTime: 'yesterday' }, 'connectedTime', 'connectedTime: not a date-time: "yesterday"'],
    [{ connectedTime: 'March 7, 2024' }, 'connectedTime', 'connectedTime: not a date-time: "March 7, 2024"'],
    [{ connectedTime: '2024-03-07T10:15:30' }, 'connectedTime', 'connectedTime: not a date-time: "2024-03-07T10:15:30"'],
    [{ connectedTime: '2024-02-30T10:15:30Z' }, 'connectedTime', 'connectedTime: not a date-time: "2024-02-30T10:15:30Z"'],
    [{ connectedTime: '2023-02-29T10:15:30Z' }, 'connectedTime', 'connectedTime: not a date-time: "2023-02-29T10:15:30Z"'],
    [{ connectedTime: '2024-03-07T24:00:00Z' }, 'connectedTime', 'connectedTime: not a date-time: "2024-03-07T24:00:00Z"'],
    [{ disconnectedTime: 1.5 }, 'disconnectedTime', 'disconnectedTime: not a date-time: 1.5'],
    [{ startHoldTime: 1e16 }, 'startHoldTime', 'startHoldTime: not a date-time: 10000000000000000'],
    [{ callbackScheduledTime: true }, 'callbackScheduledTime', 'callbackScheduledTime: not a date-time: true'],
    [{ held: 'true' }, 'held', 'held: not a boolean: "true"'],
    [{ skipEnabled: 1 }, 'skipEnabled', 'skipEnabled: not a boolean: 1'],
    [{ timeoutSeconds: 1.5 }, 'timeoutSeconds', 'timeoutSeconds: not a 32-bit integer: 1.5'],
    [{ timeoutSeconds: '30' }, 'timeoutSeconds', 'timeoutSeconds: not a 32-bit integer: "30"'],
    [{ timeoutSeconds: 2_147_483_648 }, 'timeoutSeconds', 'timeoutSeconds: not a 32-bit integer: 2147483648'],
    [{ id: 42 }, 'id', 'id: not a string: 42'],
    [{ state: 3 }, 'state', 'state: not a string: 3'],
    [{ callbackNumbers: '+13175550123' }, 'callbackNumbers', 'callbackNumbers: not an array: "+13175550123"'],
    [{ callbackNumbers: ['+13175550123', 3175550124] }, 'callbackNumbers[1]', 'callbackNumbers[1]: not a string: 3175550124'],
    [{ callbackNumbers: [null] }, 'callbackNumbers[0]', 'callbackNumbers[0]: not a string: null'],
    [{ additionalProperties: '{"a":1}' }, 'additionalProperties', 'additionalProperties: not an object: "{\\"a\\":1}"'],
    [{ additionalProperties: [1] }, 'additionalProperties', 'additionalProperties: not an object: [1]'],
    [{ dialerPreview: 'preview' }, 'dialerPreview', 'dialerPreview: not an object: "preview"'],
    [{ dialerPreview: { campaignId: 7 } }, 'dialerPreview.campaignId', 'dialerPreview.campaignId: not a string: 7'],
    [{ dialerPreview: { phoneNumberColumns: {} } }, 'dialerPreview.phoneNumberColumns', 'dialerPreview.phoneNumberColumns: not an array: {}'],
    [{ dialerPreview: { phoneNumberColumns: [{}, { type: false }] } }, 'dialerPreview.phoneNumberColumns[1].type', 'dialerPreview.phoneNumberColumns[1].type: not a string: false'],
    [{ dialerPreview: { phoneNumberColumns: [{ additionalProperties: 'x' }] } }, 'dialerPreview.phoneNumberColumns[0].additionalProperties', 'dialerPreview.phoneNumberColumns[0].additionalProperties: not an object: "x"'],
    [{ voicemail: { uploadStatus: ['PENDING'] } }, 'voicemail.uploadStatus', 'voicemail.uploadStatus: not a string: ["PENDING"]'],
  ])('%j → %s', (input, path, text) => {
    const result = mapGenesysJson(input);
    expect(result).toEqual({ ok: false, error: { path, message: path === '' ? text : text.slice(path.length + 2) } });
    if (!result.ok) expect(formatRejection(result.error)).toBe(text);
  });

  it('is never half-mapped: a bad field after good ones and a fallback yields only the rejection', () => {
    const result = mapGenesysJson({ state: 'PARKED', id: 'ok', held: 'yes' });
    expect(result).toEqual({ ok: false, error: { path: 'held', message: 'not a boolean: "yes"' } });
  });

  it('shortens a long wrong value in the reason', () => {
    const result = mapGenesysJson({ connectedTime: 'x'.repeat(10_000) });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message.length).toBeLessThan(120);
  });
});
