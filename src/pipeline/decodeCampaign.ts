// A CampaignReference from its Confluent wire bytes, decoded with the writer's schema and read by
// field name, so older or newer campaign schemas work as long as the required fields are there.
import type avro from 'avsc';
import type { CampaignReference, Result } from '../model/types.js';
import { decodePayload } from './decodePayload.js';
import { parseWireHeader } from './parseWireHeader.js';

type WriterTypeFor = (schemaId: number) => avro.Type | undefined;

function optionalString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

export function decodeCampaign(value: Buffer, writerTypeFor: WriterTypeFor): Result<CampaignReference, string> {
  const header = parseWireHeader(value);
  if (!header.ok) return { ok: false, error: header.error.message };
  const type = writerTypeFor(header.value.schemaId);
  if (!type) return { ok: false, error: `schema id ${header.value.schemaId} is unknown to the registry` };
  // The input's decode step, with its guard against block counts that would exhaust the heap.
  const decoded = decodePayload(type, header.value.payload, header.value.schemaId);
  if (!decoded.ok) return { ok: false, error: decoded.error.message };
  const fields = (decoded.value ?? {}) as Record<string, unknown>;
  for (const name of ['id', 'name', 'timeZone'] as const) {
    if (typeof fields[name] !== 'string') return { ok: false, error: `${name}: missing or not a string` };
  }
  return {
    ok: true,
    value: {
      id: fields.id as string,
      name: fields.name as string,
      timeZone: fields.timeZone as string,
      divisionId: optionalString(fields.divisionId),
      contactListId: optionalString(fields.contactListId),
      dialingMode: optionalString(fields.dialingMode),
      updatedAt: typeof fields.updatedAt === 'number' ? fields.updatedAt : null,
    },
  };
}
