// A CampaignReference from JSON (the JSON view: updatedAt as ISO-8601 or epoch millis), for
// `transform --campaigns`. Same field-table engine as the callback; id, name and timeZone are
// required, as in avro/CampaignReference.avsc.
import { DATE_TIME, STRING, toTable, type FieldsOf } from './callbackFields.js';
import { findLoneSurrogate } from './findLoneSurrogate.js';
import { Invalid, mapFields, toRejection } from './mapFields.js';
import { JSON_DECODERS } from './mapGenesysJson.js';
import type { CampaignReference, MappingRejection, Result } from './types.js';

const CAMPAIGN_FIELDS = toTable({
  id: STRING,
  name: STRING,
  divisionId: STRING,
  timeZone: STRING,
  contactListId: STRING,
  dialingMode: STRING,
  updatedAt: DATE_TIME,
} satisfies FieldsOf<CampaignReference>);

const REQUIRED = ['id', 'name', 'timeZone'] as const;

export function mapCampaignJson(parsed: unknown): Result<CampaignReference, MappingRejection> {
  const fields = mapFields(CAMPAIGN_FIELDS, parsed, JSON_DECODERS, {});
  if (fields instanceof Invalid) return { ok: false, error: toRejection(fields) };
  const missing = REQUIRED.find((name) => fields[name] === undefined);
  if (missing !== undefined) return { ok: false, error: { path: missing, message: 'missing' } };
  const unencodable = findLoneSurrogate(fields);
  if (unencodable !== undefined) return { ok: false, error: { path: unencodable, message: 'not valid Unicode: a lone surrogate, which UTF-8 cannot encode' } };
  const optional = (name: string): unknown => fields[name] ?? null;
  return {
    ok: true,
    value: {
      id: fields.id as string,
      name: fields.name as string,
      divisionId: optional('divisionId') as string | null,
      timeZone: fields.timeZone as string,
      contactListId: optional('contactListId') as string | null,
      dialingMode: optional('dialingMode') as string | null,
      updatedAt: optional('updatedAt') as number | null,
    },
  };
}
