// The callback's fields as data, in avsc order. One table drives every direction: Avro record
// → model, Genesys JSON → model, model → Avro record, model → JSON view. The keys must be the
// model's keys (checked by `satisfies` below); the kinds must match avro/ (schemaDrift.test.ts).
import { ENUM_FIELDS, type EnumFieldPath } from './enums.js';
import { createEnumResolver, type EnumResolver } from './fallbackEnum.js';
import type {
  CampaignNotificationPhoneColumns, ConversationNotificationCallback,
  ConversationNotificationDialerPreview, ConversationNotificationVoicemail,
} from './types.js';

export type FieldKind =
  | { kind: 'string' }
  | { kind: 'boolean' }
  | { kind: 'int' }
  | { kind: 'dateTime' }
  /** Free-form JSON object: a JSON string in Avro, an object in JSON and in the model. */
  | { kind: 'json' }
  | { kind: 'stringArray' }
  /** `path` is where a fallback is recorded in unknownEnumValues. */
  | { kind: 'enum'; path: EnumFieldPath; resolve: EnumResolver<string> }
  | { kind: 'record'; fields: FieldTable }
  | { kind: 'recordArray'; fields: FieldTable };

export interface FieldSpec {
  name: string;
  type: FieldKind;
}

/** Fields in schema order; an array because the mappers loop over it per record. */
export type FieldTable = readonly FieldSpec[];

export const STRING = { kind: 'string' } as const;
export const BOOLEAN = { kind: 'boolean' } as const;
export const INT = { kind: 'int' } as const;
export const DATE_TIME = { kind: 'dateTime' } as const;
export const JSON_OBJECT = { kind: 'json' } as const;
export const STRING_ARRAY = { kind: 'stringArray' } as const;

function enumAt(path: EnumFieldPath): FieldKind {
  return { kind: 'enum', path, resolve: createEnumResolver(ENUM_FIELDS[path]) };
}

export function toTable(fields: Record<string, FieldKind>): FieldTable {
  return Object.entries(fields).map(([name, type]) => ({ name, type }));
}

/** A table's source object must name every field of the model type T, and nothing else. */
export type FieldsOf<T> = Record<keyof Required<T>, FieldKind>;

export const PHONE_COLUMN_FIELDS = toTable({
  columnName: STRING,
  type: STRING,
  additionalProperties: JSON_OBJECT,
} satisfies FieldsOf<CampaignNotificationPhoneColumns>);

export const DIALER_PREVIEW_FIELDS = toTable({
  id: STRING,
  contactId: STRING,
  contactListId: STRING,
  campaignId: STRING,
  phoneNumberColumns: { kind: 'recordArray', fields: PHONE_COLUMN_FIELDS },
  additionalProperties: JSON_OBJECT,
} satisfies FieldsOf<ConversationNotificationDialerPreview>);

export const VOICEMAIL_FIELDS = toTable({
  id: STRING,
  uploadStatus: enumAt('voicemail.uploadStatus'),
} satisfies FieldsOf<ConversationNotificationVoicemail>);

export const CALLBACK_FIELDS = toTable({
  state: enumAt('state'),
  id: STRING,
  direction: enumAt('direction'),
  held: BOOLEAN,
  disconnectType: enumAt('disconnectType'),
  startHoldTime: DATE_TIME,
  dialerPreview: { kind: 'record', fields: DIALER_PREVIEW_FIELDS },
  voicemail: { kind: 'record', fields: VOICEMAIL_FIELDS },
  callbackNumbers: STRING_ARRAY,
  callbackUserName: STRING,
  scriptId: STRING,
  peerId: STRING,
  skipEnabled: BOOLEAN,
  provider: STRING,
  timeoutSeconds: INT,
  connectedTime: DATE_TIME,
  disconnectedTime: DATE_TIME,
  callbackScheduledTime: DATE_TIME,
  automatedCallbackConfigId: STRING,
  additionalProperties: JSON_OBJECT,
} satisfies FieldsOf<ConversationNotificationCallback>);
