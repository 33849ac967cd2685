// Where and why a reader schema cannot read a writer's data. avsc is the judge throughout:
// `reader.createResolver(writer)` decides, at the root and at every node we descend into. This
// walk only narrows a failure down to the field, symbol or type it comes from, so the report can
// name it; it never decides compatibility on its own.
import avro from 'avsc';
import { describeError } from '../../errors.js';

export type ResolutionIssue =
  /** The reader has a field the writer's data lacks, and no default to fill it with. */
  | { kind: 'MISSING_FIELD'; path: string; field: string; readerType: string }
  /** The writer's enum has symbols the reader lacks, and the reader's enum has no default. */
  | { kind: 'MISSING_SYMBOLS'; path: string; enumName: string; symbols: string[] }
  /** A named type (record, enum, fixed) is called differently and no alias bridges it. */
  | { kind: 'NAME_MISMATCH'; path: string; readerName: string; writerName: string }
  /** The writer's type is not the reader's nor promotable to it. */
  | { kind: 'TYPE_MISMATCH'; path: string; readerType: string; writerType: string }
  /** avsc refused for a reason the walk cannot narrow down further. */
  | { kind: 'OTHER'; path: string; message: string };

/**
 * avsc compares full names by default; schema registries (Avro's Java checker) do not. A fresh
 * object per call: avsc caches record resolvers by name in `opts.registry`, and a shared one
 * would answer for a different schema pair with the same record names.
 */
const resolverOptions = () => ({ ignoreNamespaces: true });

export function canResolve(reader: avro.Type, writer: avro.Type): boolean {
  try {
    reader.createResolver(writer, resolverOptions());
    return true;
  } catch {
    return false;
  }
}

function resolverError(reader: avro.Type, writer: avro.Type): string {
  try {
    reader.createResolver(writer, resolverOptions());
    return 'resolvable';
  } catch (error) {
    return describeError(error);
  }
}

const unwrap = (type: avro.Type): avro.Type =>
  avro.Type.isType(type, 'logical') ? (type as avro.types.LogicalType).underlyingType : type;

const isUnion = (type: avro.Type): boolean => avro.Type.isType(type, 'union');

const shortName = (name: string | undefined): string => (name ?? '').split('.').pop() ?? '';

/** A compact type label for messages: `string`, `["null","int"]`, `enum StateEnum`, `record R`. */
export function describeType(type: avro.Type): string {
  const t = unwrap(type);
  if (t.name) return `${t.typeName} ${shortName(t.name)}`;
  if (isUnion(t)) return `[${(t as avro.types.UnwrappedUnionType).types.map(describeType).join(', ')}]`;
  if (t.typeName === 'array') return `array<${describeType((t as avro.types.ArrayType).itemsType)}>`;
  if (t.typeName === 'map') return `map<${describeType((t as avro.types.MapType).valuesType as avro.Type)}>`;
  return t.typeName;
}

const join = (path: string, name: string): string => (path ? `${path}.${name}` : name);

function recordIssues(reader: avro.types.RecordType, writer: avro.types.RecordType, path: string): ResolutionIssue[] {
  const issues: ResolutionIssue[] = [];
  const writerFields = new Map(writer.fields.map((field) => [field.name, field]));
  for (const field of reader.fields) {
    const match = [field.name, ...(field.aliases ?? [])].map((name) => writerFields.get(name)).find(Boolean);
    if (match) issues.push(...findResolutionIssues(field.type, match.type, join(path, field.name)));
    else if (field.defaultValue() === undefined) {
      issues.push({ kind: 'MISSING_FIELD', path: join(path, field.name), field: field.name, readerType: describeType(field.type) });
    }
  }
  return issues;
}

export function findResolutionIssues(readerType: avro.Type, writerType: avro.Type, path = ''): ResolutionIssue[] {
  if (canResolve(readerType, writerType)) return [];
  const reader = unwrap(readerType);
  const writer = unwrap(writerType);

  // A writer union is readable only if every branch is: report each branch that is not.
  if (isUnion(writer)) {
    return (writer as avro.types.UnwrappedUnionType).types.flatMap((branch) => findResolutionIssues(reader, branch, path));
  }
  // A reader union reads a writer type through the branch of the same kind, if it has one.
  if (isUnion(reader)) {
    const branch = (reader as avro.types.UnwrappedUnionType).types.find((candidate) =>
      unwrap(candidate).typeName === writer.typeName && (!writer.name || shortName(unwrap(candidate).name) === shortName(writer.name)));
    return branch
      ? findResolutionIssues(branch, writer, path)
      : [{ kind: 'TYPE_MISMATCH', path, readerType: describeType(reader), writerType: describeType(writer) }];
  }
  if (reader.typeName !== writer.typeName) {
    return [{ kind: 'TYPE_MISMATCH', path, readerType: describeType(reader), writerType: describeType(writer) }];
  }
  if (reader.name && writer.name && shortName(reader.name) !== shortName(writer.name)
    && !(reader.aliases ?? []).some((alias) => shortName(alias) === shortName(writer.name))) {
    return [{ kind: 'NAME_MISMATCH', path, readerName: shortName(reader.name), writerName: shortName(writer.name) }];
  }
  switch (reader.typeName) {
    case 'record':
    case 'error': {
      const issues = recordIssues(reader as avro.types.RecordType, writer as avro.types.RecordType, path);
      if (issues.length > 0) return issues;
      break;
    }
    case 'enum': {
      const readerSymbols = new Set((reader as avro.types.EnumType).symbols);
      const symbols = (writer as avro.types.EnumType).symbols.filter((symbol) => !readerSymbols.has(symbol));
      if (symbols.length > 0) return [{ kind: 'MISSING_SYMBOLS', path, enumName: shortName(reader.name), symbols }];
      break;
    }
    case 'array': {
      const issues = findResolutionIssues((reader as avro.types.ArrayType).itemsType, (writer as avro.types.ArrayType).itemsType, `${path}[]`);
      if (issues.length > 0) return issues;
      break;
    }
    case 'map': {
      const issues = findResolutionIssues((reader as avro.types.MapType).valuesType as avro.Type, (writer as avro.types.MapType).valuesType as avro.Type, `${path}{}`);
      if (issues.length > 0) return issues;
      break;
    }
  }
  return [{ kind: 'OTHER', path, message: resolverError(readerType, writerType) }];
}
