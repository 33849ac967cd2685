// The enrichment: a mapped callback plus context in, CONTRACT §3's enriched record out. Pure:
// the clock (eventTime, processedAt), the id and the campaign table come in through the context,
// so the same input and context always give the same record.
import type { CountryCode } from 'libphonenumber-js/max';
import type {
  CampaignReference, ConversationNotificationCallback, EnrichedConversationCallback, EpochMillis,
  MappedCallback, SourceRecord,
} from '../model/types.js';
import { deriveDurations } from './deriveDurations.js';
import { deriveOutcome, isTerminalState } from './deriveOutcome.js';
import { formatLocalTime } from './formatLocalTime.js';
import { normalizeCallbackNumbers } from './normalizeCallbackNumbers.js';

export interface EnrichContext {
  /** Computed by the caller: SHA-256 of topic/partition/offset (worker) or of the line (transform). */
  eventId: string;
  /** The input record's Kafka timestamp (worker) or `--event-time` (transform). */
  eventTime: EpochMillis;
  processedAt: EpochMillis;
  /** Region for numbers written without a country code (DEFAULT_PHONE_REGION). */
  defaultPhoneRegion: CountryCode;
  /** The campaign table; undefined when the id is unknown. */
  lookupCampaign: (campaignId: string) => CampaignReference | undefined;
  source: SourceRecord | null;
}

function joinCampaign(
  callback: ConversationNotificationCallback,
  lookupCampaign: EnrichContext['lookupCampaign'],
): CampaignReference | null {
  const campaignId = callback.dialerPreview?.campaignId;
  return campaignId === undefined ? null : lookupCampaign(campaignId) ?? null;
}

/** A voicemail counts once it has an id: an empty voicemail object says nothing was left. */
function hasVoicemail(callback: ConversationNotificationCallback): boolean {
  return callback.voicemail?.id !== undefined;
}

function localScheduledTime(callback: ConversationNotificationCallback, campaign: CampaignReference | null): string | null {
  if (campaign === null || callback.callbackScheduledTime === undefined) return null;
  return formatLocalTime(callback.callbackScheduledTime, campaign.timeZone);
}

export function enrich(mapped: MappedCallback, context: EnrichContext): EnrichedConversationCallback {
  const { callback, unknownEnumValues } = mapped;
  const durations = deriveDurations(callback, context.eventTime);
  const numbers = normalizeCallbackNumbers(callback.callbackNumbers, context.defaultPhoneRegion);
  const campaign = joinCampaign(callback, context.lookupCampaign);
  // Fields in the order of avro/EnrichedConversationCallback.avsc, so JSON output reads alike.
  // callback and unknownEnumValues are the mapped objects themselves: nothing here mutates them.
  return {
    eventId: context.eventId,
    callback,
    unknownEnumValues,
    derived: {
      outcome: deriveOutcome(callback),
      isTerminal: isTerminalState(callback.state),
      connectedDurationMs: durations.connectedDurationMs,
      holdDurationMs: durations.holdDurationMs,
      scheduledInMs: durations.scheduledInMs,
      callbackNumbersE164: numbers.e164,
      invalidCallbackNumbers: numbers.invalid,
      hasVoicemail: hasVoicemail(callback),
      isDialerPreview: callback.dialerPreview !== undefined,
      scheduledLocalTime: localScheduledTime(callback, campaign),
    },
    campaign,
    source: context.source,
    processedAt: context.processedAt,
  };
}
