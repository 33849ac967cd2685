// Reads avro/ once. The .avsc files are the single source of truth for the wire formats and
// the TypeScript types; everything else gets its schemas (and avsc Types) from here.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import avro from 'avsc';
import { inlineNamedTypes } from './inlineNamedTypes.js';

/** avro/ at the package root: ../../avro from both src/schemas and dist/schemas. */
export const AVRO_DIR = fileURLToPath(new URL('../../avro/', import.meta.url));

export const SCHEMA_FILES = {
  callback: 'ConversationNotificationCallback.avsc',
  enriched: 'EnrichedConversationCallback.avsc',
  campaign: 'CampaignReference.avsc',
} as const;

export type SchemaName = keyof typeof SCHEMA_FILES;

export interface AvroRecordSchema {
  type: 'record';
  name: string;
  namespace?: string;
  fields: Array<{ name: string; type: unknown; default?: unknown; doc?: string }>;
  [key: string]: unknown;
}

export function readAvsc(path: string): AvroRecordSchema {
  return JSON.parse(readFileSync(path, 'utf8')) as AvroRecordSchema;
}

function qualifiedName(schema: AvroRecordSchema): string {
  return schema.namespace ? `${schema.namespace}.${schema.name}` : schema.name;
}

/** Self-contained schemas (named references inlined), ready for avsc or a registry. */
export function loadAvroSchemas(dir: string = AVRO_DIR): Record<SchemaName, AvroRecordSchema> {
  const callback = readAvsc(`${dir}/${SCHEMA_FILES.callback}`);
  const campaign = readAvsc(`${dir}/${SCHEMA_FILES.campaign}`);
  const definitions = new Map<string, unknown>([
    [qualifiedName(callback), callback],
    [qualifiedName(campaign), campaign],
  ]);
  const enriched = inlineNamedTypes(readAvsc(`${dir}/${SCHEMA_FILES.enriched}`), definitions);
  return { callback, campaign, enriched: enriched as AvroRecordSchema };
}

let cached: { schemas: Record<SchemaName, AvroRecordSchema>; types: Record<SchemaName, avro.Type> } | undefined;

/** The project's schemas and their avsc Types, parsed once per process. */
export function projectSchemas(): { schemas: Record<SchemaName, AvroRecordSchema>; types: Record<SchemaName, avro.Type> } {
  if (!cached) {
    const schemas = loadAvroSchemas();
    cached = {
      schemas,
      types: {
        callback: avro.Type.forSchema(schemas.callback as avro.Schema),
        campaign: avro.Type.forSchema(schemas.campaign as avro.Schema),
        enriched: avro.Type.forSchema(schemas.enriched as avro.Schema),
      },
    };
  }
  return cached;
}
