// The enriched record as JSON (CONTRACT §5): date-times as ISO-8601, free-form objects as
// objects, absent callback fields left out, as Genesys JSON has them. The view's `callback`
// is valid input for mapGenesysJson again, so `transform` output can be fed back in.
import { CALLBACK_FIELDS, type FieldTable } from './callbackFields.js';
import { formatDateTime } from './dateTime.js';
import type {
  CampaignReference, ConversationNotificationCallback, EnrichedConversationCallback, SourceRecord,
} from './types.js';

type CallbackDateTimeKey = 'startHoldTime' | 'connectedTime' | 'disconnectedTime' | 'callbackScheduledTime';

export type CallbackJsonView = Omit<ConversationNotificationCallback, CallbackDateTimeKey> &
  Partial<Record<CallbackDateTimeKey, string>>;
export type CampaignJsonView = Omit<CampaignReference, 'updatedAt'> & { updatedAt: string | null };
export type SourceJsonView = Omit<SourceRecord, 'timestamp'> & { timestamp: string };

export interface EnrichedJsonView
  extends Omit<EnrichedConversationCallback, 'callback' | 'campaign' | 'source' | 'processedAt'> {
  callback: CallbackJsonView;
  campaign: CampaignJsonView | null;
  source: SourceJsonView | null;
  processedAt: string;
}

function viewFields(fields: FieldTable, value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { name, type } of fields) {
    const fieldValue = value[name];
    if (fieldValue === undefined || fieldValue === null) continue;
    if (type.kind === 'dateTime') out[name] = formatDateTime(fieldValue as number);
    else if (type.kind === 'record') out[name] = viewFields(type.fields, fieldValue as Record<string, unknown>);
    else if (type.kind === 'recordArray') {
      out[name] = (fieldValue as Array<Record<string, unknown>>).map((item) => viewFields(type.fields, item));
    }
    else out[name] = fieldValue;
  }
  return out;
}

export function toCallbackJsonView(callback: ConversationNotificationCallback): CallbackJsonView {
  return viewFields(CALLBACK_FIELDS, callback as Record<string, unknown>) as CallbackJsonView;
}

export function toCampaignJsonView(campaign: CampaignReference): CampaignJsonView {
  return { ...campaign, updatedAt: campaign.updatedAt === null ? null : formatDateTime(campaign.updatedAt) };
}

export function toJsonView(enriched: EnrichedConversationCallback): EnrichedJsonView {
  const { eventId, callback, unknownEnumValues, derived, campaign, source, processedAt } = enriched;
  return {
    eventId,
    callback: toCallbackJsonView(callback),
    unknownEnumValues,
    derived,
    campaign: campaign === null ? null : toCampaignJsonView(campaign),
    source: source === null ? null : { ...source, timestamp: formatDateTime(source.timestamp) },
    processedAt: formatDateTime(processedAt),
  };
}
