// avro/ is the source of truth; the TS types, enum tables and the mapper's field table are
// written by hand. This test (and the compile-time checks in it) fails when they drift apart:
// add a field to a .avsc or a type alone and either tsc or a test here goes red.
import { describe, expect, it } from 'vitest';
import { CALLBACK_FIELDS, type FieldKind, type FieldTable } from '../../../src/model/callbackFields.js';
import { CALLBACK_OUTCOME_VALUES, ENUM_FIELDS } from '../../../src/model/enums.js';
import { toAvroCallback } from '../../../src/model/toAvroCallback.js';
import type {
  CampaignNotificationPhoneColumns, CampaignReference, ConversationNotificationCallback,
  ConversationNotificationDialerPreview, ConversationNotificationVoicemail, DerivedFields,
  EnrichedConversationCallback, SourceRecord,
} from '../../../src/model/types.js';
import { projectSchemas } from '../../../src/schemas/avroSchemas.js';

type AvroField = { name: string; type: unknown; default?: unknown };
type AvroRecord = { type: 'record'; name: string; fields: AvroField[] };

/** Keys whose type admits null, and keys that are optional (`?`): derived from the TS types. */
type NullableKeys<T> = { [K in keyof T]-?: null extends T[K] ? K : never }[keyof T];
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

// Every callback field (nested ones too) is optional in TS, as every Avro field is a union with null.
const ALL_CALLBACK_TYPES_OPTIONAL: Exactly<
  RequiredKeys<ConversationNotificationCallback> | RequiredKeys<ConversationNotificationDialerPreview>
  | RequiredKeys<ConversationNotificationVoicemail> | RequiredKeys<CampaignNotificationPhoneColumns>, never> = true;

const CALLBACK: Required<ConversationNotificationCallback> = {
  state: 'CONNECTED', id: 'c', direction: 'INBOUND', held: true, disconnectType: 'SPAM', startHoldTime: 1,
  dialerPreview: {
    id: 'd', contactId: 'c', contactListId: 'l', campaignId: 'k',
    phoneNumberColumns: [{ columnName: 'Cell', type: 'cell', additionalProperties: {} } satisfies Required<CampaignNotificationPhoneColumns>],
    additionalProperties: { a: 1 },
  } satisfies Required<ConversationNotificationDialerPreview>,
  voicemail: { id: 'v', uploadStatus: 'PENDING' } satisfies Required<ConversationNotificationVoicemail>,
  callbackNumbers: ['+1'], callbackUserName: 'u', scriptId: 's', peerId: 'p', skipEnabled: false, provider: 'x',
  timeoutSeconds: 30, connectedTime: 2, disconnectedTime: 3, callbackScheduledTime: 4, automatedCallbackConfigId: 'a',
  additionalProperties: { b: 2 },
};

const CAMPAIGN: Required<CampaignReference> = {
  id: 'k', name: 'n', divisionId: null, timeZone: 'Europe/Berlin', contactListId: 'l', dialingMode: null, updatedAt: 5,
};
const CAMPAIGN_NULLABLE: Record<NullableKeys<CampaignReference>, true> = {
  divisionId: true, contactListId: true, dialingMode: true, updatedAt: true,
};

const DERIVED: Required<DerivedFields> = {
  outcome: 'COMPLETED', isTerminal: true, connectedDurationMs: 1, holdDurationMs: null, scheduledInMs: -1,
  callbackNumbersE164: ['+13175550123'], invalidCallbackNumbers: ['12'], hasVoicemail: true, isDialerPreview: true,
  scheduledLocalTime: '2024-03-07T11:15:30.123+01:00',
};
const DERIVED_NULLABLE: Record<NullableKeys<DerivedFields>, true> = {
  connectedDurationMs: true, holdDurationMs: true, scheduledInMs: true, scheduledLocalTime: true,
};

const SOURCE: Required<SourceRecord> = { topic: 'callbacks.raw', partition: 0, offset: 7, timestamp: 6, schemaId: 1 };

const ENRICHED: Required<EnrichedConversationCallback> = {
  eventId: 'e', callback: CALLBACK, unknownEnumValues: { state: 'X' }, derived: DERIVED, campaign: CAMPAIGN,
  source: SOURCE, processedAt: 8,
};
const ENRICHED_NULLABLE: Record<NullableKeys<EnrichedConversationCallback>, true> = { campaign: true, source: true };

const { schemas, types } = projectSchemas();

const nonNull = (type: unknown): unknown => (Array.isArray(type) ? type.find((branch) => branch !== 'null') : type);
const isNullable = (field: AvroField): boolean => Array.isArray(field.type) && field.type.includes('null');
const fieldNamed = (record: AvroRecord, name: string): AvroField => {
  const field = record.fields.find((f) => f.name === name);
  if (field === undefined) throw new Error(`${record.name} has no field ${name}`);
  return field;
};
const recordAt = (record: AvroRecord, name: string): AvroRecord => nonNull(fieldNamed(record, name).type) as AvroRecord;
const names = (record: AvroRecord): string[] => record.fields.map((f) => f.name);
const nullableNames = (record: AvroRecord): string[] => record.fields.filter(isNullable).map((f) => f.name).sort();

const callbackSchema = schemas.callback as unknown as AvroRecord;
const dialerPreviewSchema = recordAt(callbackSchema, 'dialerPreview');
const phoneColumnSchema = (nonNull(fieldNamed(dialerPreviewSchema, 'phoneNumberColumns').type) as { items: AvroRecord }).items;
const voicemailSchema = recordAt(callbackSchema, 'voicemail');
const enrichedSchema = schemas.enriched as unknown as AvroRecord;
const derivedSchema = fieldNamed(enrichedSchema, 'derived').type as AvroRecord;
const sourceSchema = recordAt(enrichedSchema, 'source');

/** avsc's complaints, as paths, when a value does not fit a type. */
function invalidPaths(type: (typeof types)[keyof typeof types], value: unknown): string[] {
  const paths: string[] = [];
  type.isValid(value, { errorHook: (path) => paths.push(path.join('.')) });
  return paths;
}

describe('schema drift: field names', () => {
  it.each([
    ['ConversationNotificationCallback', callbackSchema, CALLBACK],
    ['ConversationNotificationDialerPreview', dialerPreviewSchema, CALLBACK.dialerPreview],
    ['CampaignNotificationPhoneColumns', phoneColumnSchema, CALLBACK.dialerPreview.phoneNumberColumns?.[0]],
    ['ConversationNotificationVoicemail', voicemailSchema, CALLBACK.voicemail],
    ['CampaignReference', schemas.campaign as unknown as AvroRecord, CAMPAIGN],
    ['EnrichedConversationCallback', enrichedSchema, ENRICHED],
    ['DerivedFields', derivedSchema, DERIVED],
    ['SourceRecord', sourceSchema, SOURCE],
  ] as const)('%s: the TS type has exactly the .avsc fields, in order', (_name, schema, sample) => {
    expect(ALL_CALLBACK_TYPES_OPTIONAL).toBe(true);
    expect(Object.keys(sample ?? {})).toEqual(names(schema));
  });
});

describe('schema drift: nullability', () => {
  it.each([
    ['ConversationNotificationCallback', callbackSchema],
    ['ConversationNotificationDialerPreview', dialerPreviewSchema],
    ['CampaignNotificationPhoneColumns', phoneColumnSchema],
    ['ConversationNotificationVoicemail', voicemailSchema],
  ])('%s: every field is ["null", T] with default null (all optional in TS)', (_name, schema) => {
    for (const field of schema.fields) {
      expect({ field: field.name, nullFirst: Array.isArray(field.type) && field.type[0] === 'null', default: field.default })
        .toEqual({ field: field.name, nullFirst: true, default: null });
    }
  });

  it.each([
    ['CampaignReference', schemas.campaign as unknown as AvroRecord, CAMPAIGN_NULLABLE],
    ['DerivedFields', derivedSchema, DERIVED_NULLABLE],
    ['EnrichedConversationCallback', enrichedSchema, ENRICHED_NULLABLE],
  ] as const)('%s: the fields that admit null in TS are the nullable ones in the .avsc', (_name, schema, nullable) => {
    expect(nullableNames(schema)).toEqual(Object.keys(nullable).sort());
  });
});

describe('schema drift: enums', () => {
  const enumNamed = (name: string): { symbols: string[]; default?: string } => {
    const found = JSON.stringify(schemas.enriched).match(new RegExp(`\\{"type":"enum","name":"${name}"[^}]*\\}`));
    if (found === null) throw new Error(`no enum ${name}`);
    return JSON.parse(found[0]) as { symbols: string[]; default?: string };
  };

  it.each([
    ['StateEnum', ENUM_FIELDS.state],
    ['DirectionEnum', ENUM_FIELDS.direction],
    ['DisconnectTypeEnum', ENUM_FIELDS.disconnectType],
    ['UploadStatusEnum', ENUM_FIELDS['voicemail.uploadStatus']],
  ])('%s: same symbols in the same order, default OutdatedSdkVersion', (name, values) => {
    expect(enumNamed(name)).toMatchObject({ symbols: [...values], default: 'OutdatedSdkVersion' });
  });

  it('CallbackOutcome: same symbols in the same order', () => {
    expect(enumNamed('CallbackOutcome').symbols).toEqual([...CALLBACK_OUTCOME_VALUES]);
  });
});

describe('schema drift: value types', () => {
  it('a full callback in the model encodes under the canonical schema', () => {
    expect(invalidPaths(types.callback, toAvroCallback(CALLBACK))).toEqual([]);
  });

  it('a full enriched record fits the enriched schema', () => {
    expect(invalidPaths(types.enriched, { ...ENRICHED, callback: toAvroCallback(CALLBACK) })).toEqual([]);
  });

  it('a full campaign fits the campaign schema', () => {
    expect(invalidPaths(types.campaign, CAMPAIGN)).toEqual([]);
  });

  // The mapper's table must read each field as the Avro type it has in avro/.
  function expectTableMatches(table: FieldTable, schema: AvroRecord, prefix: string): void {
    expect(table.map((f) => f.name)).toEqual(names(schema));
    for (const { name, type } of table) expectKindMatches(type, nonNull(fieldNamed(schema, name).type), `${prefix}${name}`);
  }

  function expectKindMatches(kind: FieldKind, avroType: unknown, path: string): void {
    const t = avroType as { type?: string; logicalType?: string; items?: unknown; symbols?: string[] };
    switch (kind.kind) {
      case 'string': case 'json': case 'boolean': case 'int':
        expect({ path, type: avroType }).toEqual({ path, type: kind.kind === 'json' ? 'string' : kind.kind });
        break;
      case 'dateTime':
        expect({ path, type: t.type, logicalType: t.logicalType }).toEqual({ path, type: 'long', logicalType: 'timestamp-millis' });
        break;
      case 'stringArray':
        expect({ path, type: avroType }).toEqual({ path, type: { type: 'array', items: 'string' } });
        break;
      case 'enum':
        expect({ path, type: t.type, symbols: t.symbols }).toEqual({ path: kind.path, type: 'enum', symbols: [...ENUM_FIELDS[kind.path]] });
        break;
      case 'record':
        expect({ path, type: t.type }).toEqual({ path, type: 'record' });
        expectTableMatches(kind.fields, avroType as AvroRecord, `${path}.`);
        break;
      case 'recordArray':
        expect({ path, type: t.type }).toEqual({ path, type: 'array' });
        expectTableMatches(kind.fields, t.items as AvroRecord, `${path}[].`);
        break;
    }
  }

  it('the mapper field table reads every field as its .avsc type (enum paths included)', () => {
    expectTableMatches(CALLBACK_FIELDS, callbackSchema, '');
  });
});
