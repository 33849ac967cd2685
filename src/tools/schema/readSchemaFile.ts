// A schema file for `schema check`. Avro has no imports, so a file may name types defined in
// other .avsc files of its folder (as avro/EnrichedConversationCallback.avsc does); those are
// inlined the way the project's loader does it before registering.
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type avro from 'avsc';
import { inlineNamedTypes } from '../../schemas/inlineNamedTypes.js';
import { parseAvroSchema } from '../../registry/compat/checkCompatibility.js';
import { UsageError } from '../options/parseOptionValues.js';
import { describeError } from '../../errors.js';

function fullName(schema: unknown): string | undefined {
  const { name, namespace } = (schema ?? {}) as { name?: unknown; namespace?: unknown };
  if (typeof name !== 'string') return undefined;
  return typeof namespace === 'string' && !name.includes('.') ? `${namespace}.${name}` : name;
}

async function siblingDefinitions(path: string): Promise<Map<string, unknown>> {
  const definitions = new Map<string, unknown>();
  const folder = dirname(path);
  for (const file of await readdir(folder)) {
    if (!file.endsWith('.avsc') || file === basename(path)) continue;
    try {
      const schema: unknown = JSON.parse(await readFile(join(folder, file), 'utf8'));
      const name = fullName(schema);
      if (name) definitions.set(name, schema);
    } catch {
      // A broken sibling only matters if the checked file needs it; then parsing says so.
    }
  }
  return definitions;
}

export async function readSchemaFile(path: string): Promise<avro.Type> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? describeError(error)}`);
  }
  const direct = parseAvroSchema(text, path);
  if (direct.ok) return direct.value;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError(direct.error);
  }
  const inlined = parseAvroSchema(JSON.stringify(inlineNamedTypes(json, await siblingDefinitions(path))), path);
  if (!inlined.ok) throw new UsageError(direct.error);
  return inlined.value;
}
