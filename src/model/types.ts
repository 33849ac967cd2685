// TypeScript view of avro/*.avsc. avro/ is the source of truth: test/unit/model/schemaDrift.test.ts
// fails when these types and the schemas drift apart.
import type {
  CallbackOutcome, DirectionEnum, DisconnectTypeEnum, StateEnum, UploadStatusEnum,
} from './enums.js';

/** Milliseconds since the Unix epoch (Avro `long` / `timestamp-millis`). */
export type EpochMillis = number;

/** Free-form JSON object (`additionalProperties`); travels in Avro as a JSON string. */
export type JsonObject = { [key: string]: unknown };

export interface CampaignNotificationPhoneColumns {
  columnName?: string;
  type?: string;
  additionalProperties?: JsonObject;
}

export interface ConversationNotificationDialerPreview {
  id?: string;
  contactId?: string;
  contactListId?: string;
  campaignId?: string;
  phoneNumberColumns?: CampaignNotificationPhoneColumns[];
  additionalProperties?: JsonObject;
}

export interface ConversationNotificationVoicemail {
  id?: string;
  uploadStatus?: UploadStatusEnum;
}

export interface ConversationNotificationCallback {
  state?: StateEnum;
  id?: string;
  direction?: DirectionEnum;
  held?: boolean;
  disconnectType?: DisconnectTypeEnum;
  startHoldTime?: EpochMillis;
  dialerPreview?: ConversationNotificationDialerPreview;
  voicemail?: ConversationNotificationVoicemail;
  callbackNumbers?: string[];
  callbackUserName?: string;
  scriptId?: string;
  peerId?: string;
  skipEnabled?: boolean;
  provider?: string;
  timeoutSeconds?: number;
  connectedTime?: EpochMillis;
  disconnectedTime?: EpochMillis;
  callbackScheduledTime?: EpochMillis;
  automatedCallbackConfigId?: string;
  additionalProperties?: JsonObject;
}

export interface CampaignReference {
  id: string;
  name: string;
  divisionId: string | null;
  timeZone: string;
  contactListId: string | null;
  dialingMode: string | null;
  updatedAt: EpochMillis | null;
}

/** Field path (`state`, `voicemail.uploadStatus`, ...) → the raw value that fell back. */
export type UnknownEnumValues = Record<string, string>;

export interface DerivedFields {
  outcome: CallbackOutcome;
  isTerminal: boolean;
  connectedDurationMs: number | null;
  holdDurationMs: number | null;
  scheduledInMs: number | null;
  callbackNumbersE164: string[];
  invalidCallbackNumbers: string[];
  hasVoicemail: boolean;
  isDialerPreview: boolean;
  scheduledLocalTime: string | null;
}

export interface SourceRecord {
  topic: string;
  partition: number;
  offset: number;
  timestamp: EpochMillis;
  schemaId: number;
}

export interface EnrichedConversationCallback {
  eventId: string;
  callback: ConversationNotificationCallback;
  unknownEnumValues: UnknownEnumValues;
  derived: DerivedFields;
  campaign: CampaignReference | null;
  source: SourceRecord | null;
  processedAt: EpochMillis;
}

/** A bad record is a value, not an exception: the reason names the field. */
export interface MappingRejection {
  /** Where the wrong value sits (`connectedTime`, `callbackNumbers[1]`); '' for the record itself. */
  path: string;
  /** What is wrong with it, without the path (`not a date-time: "yesterday"`); see formatRejection. */
  message: string;
}

export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

/** What the mapper hands to enrich: the canonical model plus the raw enum values that fell back. */
export interface MappedCallback {
  callback: ConversationNotificationCallback;
  unknownEnumValues: UnknownEnumValues;
}
