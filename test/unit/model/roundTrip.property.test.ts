import { fileURLToPath } from 'node:url';
import avro from 'avsc';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapAvroCallback } from '../../../src/model/mapAvroCallback.js';
import { mapGenesysJson } from '../../../src/model/mapGenesysJson.js';
import { toAvroCallback } from '../../../src/model/toAvroCallback.js';
import { toCallbackJsonView } from '../../../src/model/toJsonView.js';
import { projectSchemas, readAvsc } from '../../../src/schemas/avroSchemas.js';
import { arbitraryCallback } from '../../helpers/arbitraries.js';

const canonical = projectSchemas().types.callback;
const writerType = (file: string): avro.Type =>
  avro.Type.forSchema(readAvsc(fileURLToPath(new URL(`../../fixtures/writers/${file}`, import.meta.url))) as avro.Schema);

describe('valid callbacks survive every path unchanged', () => {
  it('model → canonical Avro → decode → map', () => {
    fc.assert(fc.property(arbitraryCallback(), (callback) => {
      const decoded = canonical.fromBuffer(canonical.toBuffer(toAvroCallback(callback)));
      expect(mapAvroCallback(decoded)).toEqual({ ok: true, value: { callback, unknownEnumValues: {} } });
    }), { numRuns: 300 });
  });

  it('model → JSON view → JSON text → mapGenesysJson', () => {
    fc.assert(fc.property(arbitraryCallback(), (callback) => {
      const line = JSON.stringify(toCallbackJsonView(callback));
      expect(mapGenesysJson(JSON.parse(line))).toEqual({ ok: true, value: { callback, unknownEnumValues: {} } });
    }), { numRuns: 300 });
  });

  it('the newer writer (a superset) carries them unchanged too', () => {
    const newer = writerType('newer.avsc');
    fc.assert(fc.property(arbitraryCallback(), (callback) => {
      const decoded = newer.fromBuffer(newer.toBuffer({ ...toAvroCallback(callback), queueId: 'q' }));
      expect(mapAvroCallback(decoded)).toEqual({ ok: true, value: { callback, unknownEnumValues: {} } });
    }), { numRuns: 100 });
  });

  it('the older writer (string enums, in any case) maps to the canonical symbols', () => {
    const older = writerType('older.avsc');
    const lowerCaseEnums = (record: Record<string, unknown>): Record<string, unknown> => {
      const voicemail = record.voicemail as { uploadStatus: string | null } | null;
      return {
        ...record,
        state: (record.state as string | null)?.toLowerCase() ?? null,
        direction: (record.direction as string | null)?.toLowerCase() ?? null,
        voicemail: voicemail && { ...voicemail, uploadStatus: voicemail.uploadStatus?.toLowerCase() ?? null },
      };
    };
    fc.assert(fc.property(arbitraryCallback(), (callback) => {
      const { automatedCallbackConfigId: _notInOlder, ...expected } = callback;
      const decoded = older.fromBuffer(older.toBuffer(lowerCaseEnums(toAvroCallback(callback))));
      expect(mapAvroCallback(decoded)).toEqual({ ok: true, value: { callback: expected, unknownEnumValues: {} } });
    }), { numRuns: 100 });
  });
});
