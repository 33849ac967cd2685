import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { enrich, type EnrichContext } from '../../../src/enrich/enrich.js';
import { decodeEnriched, encodeEnriched } from '../../../src/model/enrichedCodec.js';
import type { CampaignReference, MappedCallback } from '../../../src/model/types.js';
import { arbitraryCallback } from '../../helpers/arbitraries.js';

const T = Date.parse('2026-11-25T13:03:00Z');

const BERLIN: CampaignReference = {
  id: 'campaign-1', name: 'Winback DE', divisionId: 'division-7', timeZone: 'Europe/Berlin',
  contactListId: null, dialingMode: 'preview', updatedAt: null,
};
const NOWHERE: CampaignReference = { ...BERLIN, id: 'campaign-2', name: 'Bad zone', timeZone: 'Mars/Olympus' };
const CAMPAIGNS = new Map([[BERLIN.id, BERLIN], [NOWHERE.id, NOWHERE]]);

function contextWith(overrides: Partial<EnrichContext> = {}): EnrichContext {
  return {
    eventId: 'e'.repeat(64),
    eventTime: T,
    processedAt: T + 250,
    defaultPhoneRegion: 'US',
    lookupCampaign: (id) => CAMPAIGNS.get(id),
    source: null,
    ...overrides,
  };
}

const mapped = (callback: MappedCallback['callback'], unknownEnumValues = {}): MappedCallback => ({ callback, unknownEnumValues });

describe('enrich', () => {
  it('derives every field of a finished dialer callback', () => {
    const callback = {
      state: 'DISCONNECTED', id: 'cb-1', direction: 'OUTBOUND', disconnectType: 'OutdatedSdkVersion',
      connectedTime: T - 120_000, disconnectedTime: T - 30_000, callbackScheduledTime: T - 600_000,
      callbackNumbers: ['(317) 555-0124', '+13175550124', 'n/a'],
      dialerPreview: { campaignId: 'campaign-1' }, voicemail: { id: 'vm-1', uploadStatus: 'COMPLETE' },
    } as const;
    const source = { topic: 'callbacks.raw', partition: 3, offset: 42, timestamp: T, schemaId: 7 };
    const enriched = enrich(mapped({ ...callback, callbackNumbers: [...callback.callbackNumbers] }, { disconnectType: 'HUNG_UP' }),
      contextWith({ source }));
    expect(enriched).toEqual({
      eventId: 'e'.repeat(64),
      callback: { ...callback, callbackNumbers: [...callback.callbackNumbers] },
      unknownEnumValues: { disconnectType: 'HUNG_UP' },
      derived: {
        outcome: 'UNKNOWN',
        isTerminal: true,
        connectedDurationMs: 90_000,
        holdDurationMs: null,
        scheduledInMs: -600_000,
        callbackNumbersE164: ['+13175550124'],
        invalidCallbackNumbers: ['n/a'],
        hasVoicemail: true,
        isDialerPreview: true,
        scheduledLocalTime: '2026-11-25T13:53:00.000+01:00',
      },
      campaign: BERLIN,
      source,
      processedAt: T + 250,
    });
  });

  it('derives neutral values from an empty callback', () => {
    expect(enrich(mapped({}), contextWith()).derived).toEqual({
      outcome: 'PENDING', isTerminal: false, connectedDurationMs: null, holdDurationMs: null, scheduledInMs: null,
      callbackNumbersE164: [], invalidCallbackNumbers: [], hasVoicemail: false, isDialerPreview: false,
      scheduledLocalTime: null,
    });
  });

  it('measures the hold up to the event time', () => {
    const enriched = enrich(mapped({ state: 'CONNECTED', held: true, startHoldTime: T - 15_000 }), contextWith());
    expect(enriched.derived).toMatchObject({ outcome: 'ON_HOLD', holdDurationMs: 15_000 });
  });

  it('reads local numbers in the context region', () => {
    const callback = { callbackNumbers: ['030 901820'] };
    expect(enrich(mapped(callback), contextWith({ defaultPhoneRegion: 'DE' })).derived.callbackNumbersE164).toEqual(['+4930901820']);
    expect(enrich(mapped(callback), contextWith({ defaultPhoneRegion: 'US' })).derived.invalidCallbackNumbers).toEqual(['030 901820']);
  });

  describe('campaign join', () => {
    it('looks the campaign up by dialerPreview.campaignId', () => {
      const asked: string[] = [];
      const lookupCampaign = (id: string): CampaignReference | undefined => (asked.push(id), CAMPAIGNS.get(id));
      const enriched = enrich(mapped({ dialerPreview: { campaignId: 'campaign-1' } }), contextWith({ lookupCampaign }));
      expect(asked).toEqual(['campaign-1']);
      expect(enriched.campaign).toBe(BERLIN);
    });

    it('gives null for an unknown campaign, and then no local time', () => {
      const enriched = enrich(mapped({ dialerPreview: { campaignId: 'gone' }, callbackScheduledTime: T }), contextWith());
      expect(enriched.campaign).toBeNull();
      expect(enriched.derived.scheduledLocalTime).toBeNull();
      expect(enriched.derived.isDialerPreview).toBe(true);
    });

    it('does not look anything up without a campaign id', () => {
      const lookupCampaign = (): CampaignReference | undefined => { throw new Error('must not be called'); };
      for (const callback of [{}, { dialerPreview: {} }, { dialerPreview: { contactId: 'c-1' } }]) {
        expect(enrich(mapped(callback), contextWith({ lookupCampaign })).campaign).toBeNull();
      }
    });

    it('keeps a campaign with an unknown zone but gives no local time', () => {
      const enriched = enrich(mapped({ dialerPreview: { campaignId: 'campaign-2' }, callbackScheduledTime: T }), contextWith());
      expect(enriched.campaign).toBe(NOWHERE);
      expect(enriched.derived.scheduledLocalTime).toBeNull();
    });

    it('gives no local time without a scheduled time', () => {
      expect(enrich(mapped({ dialerPreview: { campaignId: 'campaign-1' } }), contextWith()).derived.scheduledLocalTime).toBeNull();
    });
  });

  it.each([
    ['a voicemail with an id', { voicemail: { id: 'vm-1' } }, true],
    ['a voicemail without an id', { voicemail: { uploadStatus: 'PENDING' as const } }, false],
    ['no voicemail', {}, false],
  ])('hasVoicemail with %s', (_case, callback, expected) => {
    expect(enrich(mapped(callback), contextWith()).derived.hasVoicemail).toBe(expected);
  });
});

const arbitraryMapped = (): fc.Arbitrary<MappedCallback> => fc.record({
  callback: arbitraryCallback(),
  unknownEnumValues: fc.dictionary(
    fc.constantFrom('state', 'direction', 'disconnectType', 'voicemail.uploadStatus'),
    fc.string({ unit: 'grapheme', maxLength: 12 }),
    { noNullPrototype: true },
  ),
});

const arbitraryContext = (): fc.Arbitrary<EnrichContext> => fc.record({
  eventId: fc.stringMatching(/^[0-9a-f]{64}$/),
  // Mostly realistic clocks, sometimes absurd ones: the spans must then be null, not unencodable.
  eventTime: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 4_102_444_800_000 }) }, { weight: 1, arbitrary: fc.maxSafeInteger() }),
  processedAt: fc.integer({ min: 0, max: 4_102_444_800_000 }),
  defaultPhoneRegion: fc.constantFrom('US' as const, 'GB' as const, 'DE' as const),
  lookupCampaign: fc.constant((id: string) => CAMPAIGNS.get(id)),
  source: fc.option(fc.record({
    topic: fc.constant('callbacks.raw'),
    partition: fc.nat({ max: 64 }),
    offset: fc.nat(),
    timestamp: fc.integer({ min: 0, max: 4_102_444_800_000 }),
    schemaId: fc.nat({ max: 1_000 }),
  })),
});

describe('enrich (properties)', () => {
  it('never throws, and the record always encodes with the enriched schema and decodes back', () => {
    fc.assert(fc.property(arbitraryMapped(), arbitraryContext(), (input, context) => {
      const enriched = enrich(input, context);
      expect(decodeEnriched(encodeEnriched(enriched))).toEqual(enriched);
    }), { numRuns: 300 });
  });

  it('gives unique E.164 numbers that are valid, and lists every other number as invalid', () => {
    fc.assert(fc.property(arbitraryMapped(), arbitraryContext(), (input, context) => {
      const { callbackNumbersE164, invalidCallbackNumbers } = enrich(input, context).derived;
      expect(new Set(callbackNumbersE164).size).toBe(callbackNumbersE164.length);
      for (const number of callbackNumbersE164) expect(parsePhoneNumberFromString(number)?.isValid()).toBe(true);
      const given = input.callback.callbackNumbers ?? [];
      expect(callbackNumbersE164.length + invalidCallbackNumbers.length).toBeLessThanOrEqual(given.length);
      for (const raw of invalidCallbackNumbers) expect(given).toContain(raw);
    }), { numRuns: 300 });
  });

  it('is deterministic: the same input and context give the same record', () => {
    fc.assert(fc.property(arbitraryMapped(), arbitraryContext(), (input, context) => {
      expect(enrich(input, context)).toEqual(enrich(input, context));
    }), { numRuns: 100 });
  });
});
