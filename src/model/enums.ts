// The SDK's enums, value strings exactly as the SDK writes them. `OutdatedSdkVersion` is the
// SDK's own fallback for a value this version does not know (see fallbackEnum.ts).
export const OUTDATED_SDK_VERSION = 'OutdatedSdkVersion';

export const STATE_VALUES = [
  'OutdatedSdkVersion', 'ALERTING', 'DIALING', 'CONTACTING', 'OFFERING', 'CONNECTED',
  'DISCONNECTED', 'TERMINATED', 'SCHEDULED', 'UPLOADING', 'NONE',
] as const;

export const DIRECTION_VALUES = ['OutdatedSdkVersion', 'INBOUND', 'OUTBOUND'] as const;

export const DISCONNECT_TYPE_VALUES = [
  'OutdatedSdkVersion', 'ENDPOINT', 'CLIENT', 'SYSTEM', 'TIMEOUT', 'TRANSFER',
  'TRANSFER_CONFERENCE', 'TRANSFER_CONSULT', 'TRANSFER_NOANSWER', 'TRANSFER_NOTAVAILABLE',
  'TRANSFER_FORWARD', 'TRANSPORT_FAILURE', 'ERROR', 'PEER', 'OTHER', 'SPAM', 'UNCALLABLE',
] as const;

export const UPLOAD_STATUS_VALUES = ['OutdatedSdkVersion', 'PENDING', 'COMPLETE', 'FAILED', 'TIMEOUT'] as const;

export const CALLBACK_OUTCOME_VALUES = [
  'SPAM', 'UNCALLABLE', 'TRANSFERRED', 'NO_ANSWER', 'FAILED', 'COMPLETED', 'UNKNOWN',
  'SCHEDULED', 'ON_HOLD', 'CONNECTED', 'IN_PROGRESS', 'PENDING',
] as const;

export type StateEnum = (typeof STATE_VALUES)[number];
export type DirectionEnum = (typeof DIRECTION_VALUES)[number];
export type DisconnectTypeEnum = (typeof DISCONNECT_TYPE_VALUES)[number];
export type UploadStatusEnum = (typeof UPLOAD_STATUS_VALUES)[number];
export type CallbackOutcome = (typeof CALLBACK_OUTCOME_VALUES)[number];

/** Field path → the enum it holds; the paths are the keys of `unknownEnumValues`. */
export const ENUM_FIELDS = {
  state: STATE_VALUES,
  direction: DIRECTION_VALUES,
  disconnectType: DISCONNECT_TYPE_VALUES,
  'voicemail.uploadStatus': UPLOAD_STATUS_VALUES,
} as const;

export type EnumFieldPath = keyof typeof ENUM_FIELDS;
