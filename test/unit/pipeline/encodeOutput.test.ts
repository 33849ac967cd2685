// The output encode reuses a canonical writer's Avro body as the enriched record's callback and
// encodes every other writer's callback from the model; both give records decodeEnriched reads.
import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { decodeEnriched, encodeEnriched } from '../../../src/model/enrichedCodec.js';
import { processRecord } from '../../../src/pipeline/processRecord.js';
import { projectSchemas } from '../../../src/schemas/avroSchemas.js';
import { CANONICAL_ID, canonicalValue, createDeps, inputRecord } from '../../helpers/pipelineDeps.js';

const NEWER_ID = 5;
const canonicalSchema = projectSchemas().schemas.callback;
const newerType = avro.Type.forSchema({
  ...canonicalSchema, fields: [...canonicalSchema.fields, { name: 'queueId', type: ['null', 'string'], default: null }],
} as avro.Schema);
const deps = createDeps({}, new Map([[NEWER_ID, newerType]]));
const deepJson = `{"nested":${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
const callback = { id: 'cb-9', state: 'CONNECTED', callbackNumbers: ['+13175550123'], additionalProperties: { queue: 'Billing' } };

function produced(value: Buffer) {
  const outcome = processRecord(inputRecord(value), deps);
  if (outcome.kind !== 'produce') throw new Error(`dead-lettered: ${outcome.kind === 'deadLetter' ? outcome.rejection.message : ''}`);
  return outcome;
}

describe('encodeOutput', () => {
  it('carries a canonical writer\'s Avro body into the output byte for byte, and it equals a full encode', () => {
    const value = canonicalValue(callback);
    const outcome = produced(value);
    const output = outcome.records[0]!.value!;
    expect(output.readUInt32BE(1)).toBe(deps.outputSchemaId);
    expect(output.subarray(5).includes(value.subarray(5))).toBe(true);
    expect(output.subarray(5).equals(encodeEnriched(outcome.enriched))).toBe(true);
    expect(decodeEnriched(output.subarray(5)).callback).toEqual(callback);
  });

  it('keeps a canonical writer\'s JSON text, even one too deep to stringify again', () => {
    const value = Buffer.concat([
      Buffer.from([0, 0, 0, 0, CANONICAL_ID]),
      projectSchemas().types.callback.toBuffer({ ...canonicalValueRecord(), additionalProperties: deepJson }),
    ]);
    const output = produced(value).records[0]!.value!;
    expect(output.subarray(5).includes(Buffer.from(deepJson))).toBe(true);
  });

  it('encodes another writer\'s callback from the model, and dead-letters it as ENCODE_ERROR when that fails', () => {
    const frame = (record: object) => Buffer.concat([Buffer.from([0, 0, 0, 0, NEWER_ID]), newerType.toBuffer(record)]);
    const ok = produced(frame({ ...canonicalValueRecord(), queueId: 'q-1' }));
    expect(decodeEnriched(ok.records[0]!.value!.subarray(5)).callback).toEqual(callback);

    const outcome = processRecord(inputRecord(frame({ ...canonicalValueRecord(), additionalProperties: deepJson })), deps);
    expect(outcome.kind).toBe('deadLetter');
    if (outcome.kind !== 'deadLetter') return;
    expect(outcome.rejection).toMatchObject({ reason: 'ENCODE_ERROR', schemaId: NEWER_ID });
  });
});

/** The callback above as the canonical Avro record. */
function canonicalValueRecord(): Record<string, unknown> {
  return projectSchemas().types.callback.fromBuffer(canonicalValue(callback).subarray(5)) as Record<string, unknown>;
}
