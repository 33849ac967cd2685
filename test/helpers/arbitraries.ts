// fast-check arbitraries for the model, shared by the model, enrich and pipeline tests.
// Values stay inside what the contract accepts, so every generated callback is valid.
import fc from 'fast-check';
import { MAX_DATE_TIME, MIN_DATE_TIME } from '../../src/model/dateTime.js';
import {
  DIRECTION_VALUES, DISCONNECT_TYPE_VALUES, STATE_VALUES, UPLOAD_STATUS_VALUES,
} from '../../src/model/enums.js';
import type {
  CampaignNotificationPhoneColumns, ConversationNotificationCallback,
  ConversationNotificationDialerPreview, ConversationNotificationVoicemail, EpochMillis, JsonObject,
} from '../../src/model/types.js';

// Well-formed Unicode only: a lone surrogate cannot survive UTF-8 (Avro strings, stdout).
const text = (): fc.Arbitrary<string> => fc.string({ unit: 'grapheme', maxLength: 24 });

/** Date-times anywhere in 4-digit years, biased towards the present. */
export function arbitraryEpochMillis(): fc.Arbitrary<EpochMillis> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }) },
    { weight: 1, arbitrary: fc.integer({ min: MIN_DATE_TIME, max: MAX_DATE_TIME }) },
  );
}

/** A free-form object as JSON.parse returns it (so no -0, which JSON cannot say). */
export function arbitraryJsonObject(): fc.Arbitrary<JsonObject> {
  return fc.dictionary(text(), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4, noNullPrototype: true })
    .map((object) => JSON.parse(JSON.stringify(object)) as JsonObject);
}

/** Callback numbers as agents type them: E.164, national, formatted, and junk. */
export function arbitraryCallbackNumber(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom('+13175550123', '(317) 555-0124', '317-555-0125', '+44 20 7946 0958', '+4930901820', '12', 'call me'),
    fc.stringMatching(/^\+?[0-9]{6,14}$/),
    text(),
  );
}

const phoneColumn = (): fc.Arbitrary<CampaignNotificationPhoneColumns> =>
  fc.record({ columnName: text(), type: text(), additionalProperties: arbitraryJsonObject() }, { requiredKeys: [] });

const dialerPreview = (): fc.Arbitrary<ConversationNotificationDialerPreview> =>
  fc.record({
    id: fc.uuid(),
    contactId: fc.uuid(),
    contactListId: fc.uuid(),
    campaignId: fc.oneof(fc.constantFrom('campaign-1', 'campaign-2'), fc.uuid()),
    phoneNumberColumns: fc.array(phoneColumn(), { maxLength: 3 }),
    additionalProperties: arbitraryJsonObject(),
  }, { requiredKeys: [] });

const voicemail = (): fc.Arbitrary<ConversationNotificationVoicemail> =>
  fc.record({ id: fc.uuid(), uploadStatus: fc.constantFrom(...UPLOAD_STATUS_VALUES) }, { requiredKeys: [] });

/** Any valid callback in the model: every field optional, enums canonical. */
export function arbitraryCallback(): fc.Arbitrary<ConversationNotificationCallback> {
  return fc.record({
    state: fc.constantFrom(...STATE_VALUES),
    id: fc.uuid(),
    direction: fc.constantFrom(...DIRECTION_VALUES),
    held: fc.boolean(),
    disconnectType: fc.constantFrom(...DISCONNECT_TYPE_VALUES),
    startHoldTime: arbitraryEpochMillis(),
    dialerPreview: dialerPreview(),
    voicemail: voicemail(),
    callbackNumbers: fc.array(arbitraryCallbackNumber(), { maxLength: 4 }),
    callbackUserName: text(),
    scriptId: fc.uuid(),
    peerId: fc.uuid(),
    skipEnabled: fc.boolean(),
    provider: fc.constantFrom('PureCloud', 'Genesys Cloud', 'external'),
    timeoutSeconds: fc.integer({ min: -2_147_483_648, max: 2_147_483_647 }),
    connectedTime: arbitraryEpochMillis(),
    disconnectedTime: arbitraryEpochMillis(),
    callbackScheduledTime: arbitraryEpochMillis(),
    automatedCallbackConfigId: fc.uuid(),
    additionalProperties: arbitraryJsonObject(),
  }, { requiredKeys: [] });
}

/**
 * Any UTF-16 string, lone surrogates included, biased towards ASCII and the letters whose case
 * folding differs between Java and JS. (fast-check's own `binary` unit takes seconds to set up.)
 */
export function arbitraryAnyString(maxLength = 24): fc.Arbitrary<string> {
  const unit = fc.oneof(
    fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
    fc.constantFrom('ı', 'İ', 'ſ', '\u212a', 'ß', 'ﬀ', 'Σ', '\u0000', '\ud800'),
    fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
  );
  return fc.string({ unit, maxLength });
}

/** A raw enum value as a writer might send it: a symbol in any case, or anything at all. */
export function arbitraryEnumRaw(values: readonly string[]): fc.Arbitrary<string> {
  const recased = fc.tuple(fc.constantFrom(...values), fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }))
    .map(([symbol, upper]) => [...symbol].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join(''));
  return fc.oneof(fc.constantFrom(...values), recased, arbitraryAnyString());
}
