// The other writers `produce` impersonates, derived from the canonical input schema so they can
// never drift from it. Both stay compatible with it in every direction (the canonical enums have
// a default, the new field has one), so they register as new versions under `<topic>-value`.
import type { AvroRecordSchema } from '../../schemas/avroSchemas.js';
import type { EnumFieldPath } from '../../model/enums.js';

/** The enum type that holds each enum field's values in the canonical schema. */
export const ENUM_TYPE_NAMES: Readonly<Record<EnumFieldPath, string>> = {
  state: 'StateEnum',
  direction: 'DirectionEnum',
  disconnectType: 'DisconnectTypeEnum',
  'voicemail.uploadStatus': 'UploadStatusEnum',
};

/** Values the SDK does not know, plus known values in an odd case (the SDK matches those). */
export const UNKNOWN_ENUM_VALUES = {
  state: ['connected', 'Disconnected', 'dIaLiNg', 'scheduled', 'RINGING', 'parked', 'Callback_Pending'],
  direction: ['outbound', 'Inbound', 'SIDEWAYS', 'outbound_campaign'],
  disconnectType: ['endpoint', 'Client', 'transfer_noAnswer', 'ABANDONED', 'carrier_error', 'DoNotDisturb'],
  'voicemail.uploadStatus': ['complete', 'Pending', 'QUARANTINED', 'deleted'],
} as const satisfies Record<EnumFieldPath, readonly string[]>;

/** Symbols a newer SDK version added. */
export const EVOLVED_ENUM_SYMBOLS = {
  state: ['PARKED', 'CONVERTING'],
  direction: ['INTERNAL'],
  disconnectType: ['DONOTDISTURB', 'CALLBACK_EXPIRED'],
  'voicemail.uploadStatus': ['QUARANTINED'],
} as const satisfies Record<EnumFieldPath, readonly string[]>;

/** The field a newer writer added (optional, with a default, as compatibility requires). */
export const EVOLVED_FIELD = {
  name: 'queueId',
  type: ['null', 'string'],
  default: null,
  doc: 'Added by a newer writer: the routing queue of the callback',
} as const;

function appendSymbols(node: unknown, extra: Readonly<Record<string, readonly string[]>>): unknown {
  if (Array.isArray(node)) return node.map((child) => appendSymbols(child, extra));
  if (node === null || typeof node !== 'object') return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) copy[key] = appendSymbols(value, extra);
  const symbols = typeof copy.name === 'string' ? extra[copy.name] : undefined;
  if (copy.type === 'enum' && symbols && Array.isArray(copy.symbols)) {
    copy.symbols = [...copy.symbols, ...symbols.filter((s) => !(copy.symbols as string[]).includes(s))];
  }
  return copy;
}

const byTypeName = (values: Readonly<Record<EnumFieldPath, readonly string[]>>): Record<string, readonly string[]> =>
  Object.fromEntries(Object.entries(values).map(([path, symbols]) => [ENUM_TYPE_NAMES[path as EnumFieldPath], symbols]));

export interface WriterSchemas {
  canonical: AvroRecordSchema;
  unknownEnum: AvroRecordSchema;
  evolved: AvroRecordSchema;
}

export function deriveWriterSchemas(canonical: AvroRecordSchema): WriterSchemas {
  const unknownEnum = appendSymbols(canonical, byTypeName(UNKNOWN_ENUM_VALUES)) as AvroRecordSchema;
  const evolved = appendSymbols(canonical, byTypeName(EVOLVED_ENUM_SYMBOLS)) as AvroRecordSchema;
  evolved.fields = [...evolved.fields, { ...EVOLVED_FIELD, type: [...EVOLVED_FIELD.type] }];
  return { canonical, unknownEnum, evolved };
}
