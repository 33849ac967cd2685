import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { checkCompatibility, parseAvroSchema, type ExistingSchema } from '../../../src/registry/compat/checkCompatibility.js';
import { COMPAT_LEVEL_NAMES, type CompatLevel } from '../../../src/registry/compat/compatLevels.js';
import { projectSchemas } from '../../../src/schemas/avroSchemas.js';
import { deriveWriterSchemas } from '../../../src/tools/generate/deriveWriterSchemas.js';

type Field = { name: string; type: unknown; default?: unknown };
const record = (fields: Field[]) => avro.Type.forSchema({ type: 'record', name: 'Order', namespace: 'shop', fields } as avro.Schema);
const status = (symbols: string[], extra: object = {}) => ({ type: 'enum', name: 'Status', symbols, ...extra });

const ID: Field = { name: 'id', type: 'string' };
const STATUS: Field = { name: 'status', type: status(['OPEN', 'PAID', 'SHIPPED']) };
const COUNT: Field = { name: 'count', type: 'int' };
const NOTE: Field = { name: 'note', type: ['null', 'string'], default: null };
const V1 = record([ID, STATUS, COUNT, NOTE]);
const old = (schema: avro.Type, label = 'version 1'): ExistingSchema[] => [{ label, schema }];

// Each change once, with what each direction says about it (avsc decides; these are facts of Avro).
const CHANGES = {
  'removed field without default': { schema: record([ID, STATUS, NOTE]), backward: true, forward: false, kind: 'MISSING_FIELD', path: 'count' },
  'removed field with default': { schema: record([ID, STATUS, COUNT]), backward: true, forward: true },
  'added field without default': { schema: record([ID, STATUS, COUNT, NOTE, { name: 'sku', type: 'string' }]), backward: false, forward: true, kind: 'MISSING_FIELD', path: 'sku' },
  'added field with default': { schema: record([ID, STATUS, COUNT, NOTE, { name: 'sku', type: 'string', default: '' }]), backward: true, forward: true },
  'removed enum symbol': { schema: record([ID, { name: 'status', type: status(['OPEN', 'PAID']) }, COUNT, NOTE]), backward: false, forward: true, kind: 'MISSING_SYMBOLS', path: 'status' },
  'added enum symbol': { schema: record([ID, { name: 'status', type: status(['OPEN', 'PAID', 'SHIPPED', 'LOST']) }, COUNT, NOTE]), backward: true, forward: false, kind: 'MISSING_SYMBOLS', path: 'status' },
  'changed type': { schema: record([ID, STATUS, { name: 'count', type: 'string' }, NOTE]), backward: false, forward: false, kind: 'TYPE_MISMATCH', path: 'count' },
  'promoted int to long': { schema: record([ID, STATUS, { name: 'count', type: 'long' }, NOTE]), backward: true, forward: false, kind: 'TYPE_MISMATCH', path: 'count' },
  'changed type inside a union': { schema: record([ID, STATUS, COUNT, { name: 'note', type: ['null', 'int'], default: null }]), backward: false, forward: false, kind: 'TYPE_MISMATCH', path: 'note' },
} as const;

const expectedAt = (level: CompatLevel, change: { backward: boolean; forward: boolean }): boolean =>
  level === 'NONE' ? true
    : level.startsWith('BACKWARD') ? change.backward
      : level.startsWith('FORWARD') ? change.forward
        : change.backward && change.forward;

describe('checkCompatibility against one existing version', () => {
  for (const [name, change] of Object.entries(CHANGES)) {
    for (const level of COMPAT_LEVEL_NAMES) {
      const compatible = expectedAt(level, change);
      it(`${name} at ${level} is ${compatible ? 'compatible' : 'incompatible'}`, () => {
        const report = checkCompatibility(change.schema, old(V1), level);
        expect(report.compatible).toBe(compatible);
        if (!compatible && 'kind' in change) {
          expect(report.issues.map((issue) => [issue.kind, issue.path])).toContainEqual([change.kind, change.path]);
          for (const issue of report.issues) expect(issue.against).toBe('version 1');
        }
      });
    }
  }
});

describe('reasons name the direction and how to fix', () => {
  it('a new field without default: backward, give it a default', () => {
    const [issue] = checkCompatibility(CHANGES['added field without default'].schema, old(V1), 'BACKWARD').issues;
    expect(issue).toMatchObject({ direction: 'backward', kind: 'MISSING_FIELD', path: 'sku' });
    expect(issue?.fix).toContain("give 'sku' a default");
  });

  it('a removed enum symbol: backward, names the symbol', () => {
    const [issue] = checkCompatibility(CHANGES['removed enum symbol'].schema, old(V1), 'BACKWARD').issues;
    expect(issue?.message).toContain('SHIPPED');
    expect(issue?.fix).toMatch(/keep SHIPPED|default/);
  });

  it('an added enum symbol: forward, add an enum default to the old schema first', () => {
    const [issue] = checkCompatibility(CHANGES['added enum symbol'].schema, old(V1), 'FORWARD').issues;
    expect(issue).toMatchObject({ direction: 'forward', kind: 'MISSING_SYMBOLS', path: 'status' });
    expect(issue?.message).toContain('LOST');
    expect(issue?.fix).toContain('add an enum "default" to the old schema first');
  });

  it('an added enum symbol is forward compatible once the old enum has a default', () => {
    const withDefault = record([ID, { name: 'status', type: status(['OPEN', 'PAID', 'SHIPPED'], { default: 'OPEN' }) }, COUNT, NOTE]);
    expect(checkCompatibility(CHANGES['added enum symbol'].schema, old(withDefault), 'FULL').compatible).toBe(true);
  });

  it('a renamed record: names both names and suggests an alias', () => {
    const renamed = avro.Type.forSchema({ type: 'record', name: 'Purchase', fields: [ID] } as avro.Schema);
    const report = checkCompatibility(renamed, old(record([ID])), 'BACKWARD');
    expect(report.issues[0]).toMatchObject({ kind: 'NAME_MISMATCH' });
    expect(report.issues[0]?.fix).toContain('"aliases": ["Order"]');
  });

  it('a nested change reports the full path', () => {
    const nested = (inner: unknown) => avro.Type.forSchema({
      type: 'record', name: 'Outer', fields: [{ name: 'items', type: { type: 'array', items: { type: 'record', name: 'Item', fields: [{ name: 'qty', type: inner }] } } }],
    } as avro.Schema);
    const [issue] = checkCompatibility(nested('string'), old(nested('int')), 'BACKWARD').issues;
    expect(issue).toMatchObject({ kind: 'TYPE_MISMATCH', path: 'items[].qty' });
  });
});

describe('transitive levels look at every version, the others at the latest only', () => {
  const x: Field = { name: 'x', type: 'string' };
  it('BACKWARD passes against the latest while BACKWARD_TRANSITIVE fails against version 1', () => {
    const history = [
      { label: 'version 1', schema: record([x]) },
      { label: 'version 2', schema: record([x, { name: 'y', type: 'int', default: 0 }]) },
    ];
    const candidate = record([x, { name: 'y', type: 'int' }]);
    expect(checkCompatibility(candidate, history, 'BACKWARD')).toMatchObject({ compatible: true, checkedAgainst: ['version 2'] });
    const transitive = checkCompatibility(candidate, history, 'BACKWARD_TRANSITIVE');
    expect(transitive).toMatchObject({ compatible: false, checkedAgainst: ['version 1', 'version 2'] });
    expect(transitive.issues.map((issue) => issue.against)).toEqual(['version 1']);
  });

  it('FORWARD passes against the latest while FORWARD_TRANSITIVE fails against version 1', () => {
    const history = [
      { label: 'version 1', schema: record([x, { name: 'y', type: 'int' }]) },
      { label: 'version 2', schema: record([x, { name: 'y', type: 'int', default: 0 }]) },
    ];
    const candidate = record([x]);
    expect(checkCompatibility(candidate, history, 'FORWARD').compatible).toBe(true);
    expect(checkCompatibility(candidate, history, 'FORWARD_TRANSITIVE').compatible).toBe(false);
    expect(checkCompatibility(candidate, history, 'FULL').compatible).toBe(true);
    expect(checkCompatibility(candidate, history, 'FULL_TRANSITIVE').compatible).toBe(false);
  });

  it('a subject without versions accepts any first version', () => {
    expect(checkCompatibility(V1, [], 'FULL_TRANSITIVE')).toEqual({ level: 'FULL_TRANSITIVE', compatible: true, checkedAgainst: [], issues: [] });
  });
});

describe('the project schemas', () => {
  it("produce's unknown-enum and evolved writers are FULL_TRANSITIVE compatible with the canonical input schema", () => {
    const writers = deriveWriterSchemas(projectSchemas().schemas.callback);
    const type = (schema: unknown) => avro.Type.forSchema(schema as avro.Schema);
    const history = [
      { label: 'version 1', schema: type(writers.canonical) },
      { label: 'version 2', schema: type(writers.unknownEnum) },
    ];
    expect(checkCompatibility(type(writers.evolved), history, 'FULL_TRANSITIVE').issues).toEqual([]);
  });

  it('parseAvroSchema names the file of an invalid schema', () => {
    expect(parseAvroSchema('{"type": "record"}', 'bad.avsc')).toMatchObject({ ok: false, error: expect.stringContaining('bad.avsc') });
    expect(parseAvroSchema('not json', 'x.avsc').ok).toBe(false);
  });
});
