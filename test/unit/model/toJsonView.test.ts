import { describe, expect, it } from 'vitest';
import { toAvroCallback } from '../../../src/model/toAvroCallback.js';
import { toJsonView } from '../../../src/model/toJsonView.js';
import type { EnrichedConversationCallback } from '../../../src/model/types.js';

const T = Date.UTC(2024, 2, 7, 10, 15, 30, 123);

const ENRICHED: EnrichedConversationCallback = {
  eventId: 'e',
  callback: { state: 'CONNECTED', connectedTime: T, voicemail: { id: 'v' }, additionalProperties: { a: { b: [1] } } },
  unknownEnumValues: { direction: 'SIDEWAYS' },
  derived: {
    outcome: 'CONNECTED', isTerminal: false, connectedDurationMs: null, holdDurationMs: null, scheduledInMs: null,
    callbackNumbersE164: [], invalidCallbackNumbers: [], hasVoicemail: true, isDialerPreview: false, scheduledLocalTime: null,
  },
  campaign: { id: 'k', name: 'n', divisionId: null, timeZone: 'UTC', contactListId: null, dialingMode: null, updatedAt: T },
  source: { topic: 'callbacks.raw', partition: 2, offset: 9, timestamp: T, schemaId: 3 },
  processedAt: T + 1,
};

describe('toJsonView', () => {
  it('writes date-times as ISO-8601, keeps objects as objects, leaves absent callback fields out', () => {
    expect(JSON.parse(JSON.stringify(toJsonView(ENRICHED)))).toEqual({
      eventId: 'e',
      callback: { state: 'CONNECTED', connectedTime: '2024-03-07T10:15:30.123Z', voicemail: { id: 'v' }, additionalProperties: { a: { b: [1] } } },
      unknownEnumValues: { direction: 'SIDEWAYS' },
      derived: ENRICHED.derived,
      campaign: { id: 'k', name: 'n', divisionId: null, timeZone: 'UTC', contactListId: null, dialingMode: null, updatedAt: '2024-03-07T10:15:30.123Z' },
      source: { topic: 'callbacks.raw', partition: 2, offset: 9, timestamp: '2024-03-07T10:15:30.123Z', schemaId: 3 },
      processedAt: '2024-03-07T10:15:30.124Z',
    });
  });

  it('keeps the .avsc field order, so output lines read alike', () => {
    expect(Object.keys(toJsonView(ENRICHED))).toEqual(['eventId', 'callback', 'unknownEnumValues', 'derived', 'campaign', 'source', 'processedAt']);
    expect(Object.keys(toJsonView({ ...ENRICHED, callback: { additionalProperties: {}, id: 'x', state: 'NONE' } }).callback))
      .toEqual(['state', 'id', 'additionalProperties']);
  });

  it('writes null campaign and source as null', () => {
    expect(toJsonView({ ...ENRICHED, campaign: null, source: null })).toMatchObject({ campaign: null, source: null });
  });
});

describe('toAvroCallback', () => {
  it('names every field, null when absent, free-form objects as JSON strings (nested too)', () => {
    const record = toAvroCallback({ id: 'x', dialerPreview: { phoneNumberColumns: [{ additionalProperties: { k: 1 } }] }, additionalProperties: {} });
    expect(Object.keys(record)).toHaveLength(20);
    expect(record).toMatchObject({
      state: null, id: 'x', additionalProperties: '{}',
      dialerPreview: { id: null, phoneNumberColumns: [{ columnName: null, type: null, additionalProperties: '{"k":1}' }], additionalProperties: null },
      voicemail: null,
    });
  });
});
