import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import avro from 'avsc';
import { enrich } from '../../../src/enrich/enrich.js';
import { decodeEnriched, encodeEnriched, encodeEnrichedFromInput } from '../../../src/model/enrichedCodec.js';
import { mapAvroCallback } from '../../../src/model/mapAvroCallback.js';
import { toAvroCallback } from '../../../src/model/toAvroCallback.js';
import type { EnrichedConversationCallback } from '../../../src/model/types.js';
import { projectSchemas } from '../../../src/schemas/avroSchemas.js';
import { arbitraryCallback } from '../../helpers/arbitraries.js';

const T = Date.parse('2026-11-25T13:03:00Z');

const FULL: EnrichedConversationCallback = {
  eventId: 'a'.repeat(64),
  callback: {
    state: 'CONNECTED', id: 'cb-1', direction: 'INBOUND', held: true, disconnectType: 'TRANSFER',
    startHoldTime: T - 5_000, callbackNumbers: ['+13175550123', 'n/a'], callbackUserName: 'Ada',
    scriptId: 's-1', peerId: 'p-1', skipEnabled: false, provider: 'PureCloud', timeoutSeconds: -1,
    connectedTime: T - 60_000, disconnectedTime: T, callbackScheduledTime: T + 3_600_000,
    automatedCallbackConfigId: 'acc-1', additionalProperties: { priority: 3, tags: ['vip'], nested: { ok: true } },
    dialerPreview: {
      id: 'dp-1', contactId: 'c-1', contactListId: 'cl-1', campaignId: 'campaign-1',
      phoneNumberColumns: [{ columnName: 'cell', type: 'mobile', additionalProperties: { rank: 1 } }, {}],
      additionalProperties: { note: 'ünïcödé ✓' },
    },
    voicemail: { id: 'vm-1', uploadStatus: 'FAILED' },
  },
  unknownEnumValues: { state: 'connected-ish', 'voicemail.uploadStatus': 'LOST' },
  derived: {
    outcome: 'ON_HOLD', isTerminal: false, connectedDurationMs: 60_000, holdDurationMs: 5_000,
    scheduledInMs: 3_600_000, callbackNumbersE164: ['+13175550123'], invalidCallbackNumbers: ['n/a'],
    hasVoicemail: true, isDialerPreview: true, scheduledLocalTime: '2026-11-25T15:03:00.000+01:00',
  },
  campaign: {
    id: 'campaign-1', name: 'Winback', divisionId: null, timeZone: 'Europe/Berlin',
    contactListId: 'cl-1', dialingMode: 'preview', updatedAt: T - 86_400_000,
  },
  source: { topic: 'callbacks.raw', partition: 5, offset: 9_007_199_254_740_990, timestamp: T, schemaId: 12 },
  processedAt: T + 3,
};

const MINIMAL: EnrichedConversationCallback = {
  eventId: 'b'.repeat(64),
  callback: {},
  unknownEnumValues: {},
  derived: {
    outcome: 'PENDING', isTerminal: false, connectedDurationMs: null, holdDurationMs: null, scheduledInMs: null,
    callbackNumbersE164: [], invalidCallbackNumbers: [], hasVoicemail: false, isDialerPreview: false,
    scheduledLocalTime: null,
  },
  campaign: null,
  source: null,
  processedAt: T,
};

describe('encodeEnriched / decodeEnriched', () => {
  it.each([['every field set', FULL], ['only the required fields', MINIMAL]])('round-trips a record with %s', (_case, record) => {
    expect(decodeEnriched(encodeEnriched(record))).toStrictEqual(record);
  });

  it('writes the schema\'s shape: free-form objects as JSON strings, absent fields as null', () => {
    const raw = projectSchemas().types.enriched.fromBuffer(encodeEnriched(FULL)) as {
      callback: Record<string, unknown> & { dialerPreview: Record<string, unknown> };
    };
    expect(raw.callback.additionalProperties).toBe('{"priority":3,"tags":["vip"],"nested":{"ok":true}}');
    expect(raw.callback.dialerPreview.additionalProperties).toBe('{"note":"ünïcödé ✓"}');
    const sparse = projectSchemas().types.enriched.fromBuffer(encodeEnriched(MINIMAL)) as { callback: Record<string, unknown> };
    expect(Object.values(sparse.callback).every((value) => value === null)).toBe(true);
  });

  it('writes the same bytes as the canonical Avro record of the callback, with or without free-form objects', () => {
    fc.assert(fc.property(arbitraryCallback(), (callback) => {
      const record = { ...MINIMAL, callback };
      const viaCanonicalRecord = projectSchemas().types.enriched.toBuffer({ ...record, callback: toAvroCallback(callback) });
      expect(encodeEnriched(record).equals(viaCanonicalRecord)).toBe(true);
    }), { numRuns: 300 });
  });

  it('encodes records larger than its scratch buffer, and small ones after them', () => {
    const large = { ...FULL, callback: { ...FULL.callback, additionalProperties: { blob: 'x'.repeat(100_000) } } };
    expect(decodeEnriched(encodeEnriched(large))).toStrictEqual(large);
    expect(decodeEnriched(encodeEnriched(MINIMAL))).toStrictEqual(MINIMAL);
  });

  it('hands out buffers that later encodes do not overwrite', () => {
    const first = encodeEnriched(FULL);
    const copy = Buffer.from(first);
    encodeEnriched(MINIMAL);
    encodeEnriched({ ...FULL, eventId: 'c'.repeat(64) });
    expect(first.equals(copy)).toBe(true);
  });

  it('hands back plain objects, not avsc record instances', () => {
    const decoded = decodeEnriched(encodeEnriched(FULL));
    for (const part of [decoded, decoded.derived, decoded.campaign, decoded.source, decoded.callback.dialerPreview]) {
      expect(Object.getPrototypeOf(part)).toBe(Object.prototype);
    }
  });

  it.each([
    ['a fractional duration', { ...MINIMAL, derived: { ...MINIMAL.derived, connectedDurationMs: 1.5 } }],
    ['an outcome outside the enum', { ...MINIMAL, derived: { ...MINIMAL.derived, outcome: 'MAYBE' as never } }],
    ['a missing eventId', { ...MINIMAL, eventId: undefined as never }],
  ])('refuses %s instead of writing bad bytes', (_case, record) => {
    expect(() => encodeEnriched(record)).toThrow();
  });

  it('refuses bytes that are not an enriched record', () => {
    expect(() => decodeEnriched(Buffer.from([0x02, 0x41]))).toThrow();
  });
});

describe('encodeEnrichedFromInput', () => {
  const canonical = projectSchemas().types.callback;

  /** What the worker has: the Avro body, and the enriched record of what it decodes to. */
  function fromPayload(writerType: avro.Type, payload: Buffer): EnrichedConversationCallback {
    const mapped = mapAvroCallback(writerType.fromBuffer(payload));
    if (!mapped.ok) throw new Error(mapped.error.message);
    return enrich(mapped.value, {
      eventId: 'd'.repeat(64), eventTime: T, processedAt: T, defaultPhoneRegion: 'US',
      lookupCampaign: () => FULL.campaign ?? undefined, source: FULL.source,
    });
  }

  it('writes the same bytes as encodeEnriched when the input has the canonical schema', () => {
    fc.assert(fc.property(arbitraryCallback(), (callback) => {
      const payload = canonical.toBuffer(toAvroCallback(callback));
      const enriched = fromPayload(canonical, payload);
      expect(encodeEnrichedFromInput(enriched, { writerType: canonical, payload }).equals(encodeEnriched(enriched))).toBe(true);
    }), { numRuns: 300 });
  });

  it('keeps the writer\'s JSON text, which decodes to the same record', () => {
    const payload = canonical.toBuffer({ ...toAvroCallback(FULL.callback), additionalProperties: '{ "priority" : 3,\n "tags": ["vip"], "nested": {"ok": true} }' });
    const enriched = fromPayload(canonical, payload);
    const spliced = encodeEnrichedFromInput(enriched, { writerType: canonical, payload });
    expect(spliced.equals(encodeEnriched(enriched))).toBe(false);
    expect(decodeEnriched(spliced)).toStrictEqual(enriched);
  });

  it('encodes in full for another writer schema (a newer one with an extra field and symbol)', () => {
    const newer = avro.Type.forSchema({
      ...projectSchemas().schemas.callback,
      fields: [...projectSchemas().schemas.callback.fields, { name: 'queueId', type: ['null', 'string'], default: null }],
    } as avro.Schema);
    const payload = newer.toBuffer({ ...toAvroCallback(FULL.callback), queueId: 'q-1' });
    const enriched = fromPayload(newer, payload);
    const bytes = encodeEnrichedFromInput(enriched, { writerType: newer, payload });
    expect(bytes.equals(encodeEnriched(enriched))).toBe(true);
    expect(decodeEnriched(bytes)).toStrictEqual(enriched);
  });

  it('handles records larger than its scratch buffer', () => {
    const payload = canonical.toBuffer(toAvroCallback({ ...FULL.callback, additionalProperties: { blob: 'y'.repeat(200_000) } }));
    const enriched = fromPayload(canonical, payload);
    expect(decodeEnriched(encodeEnrichedFromInput(enriched, { writerType: canonical, payload }))).toStrictEqual(enriched);
  });
});
