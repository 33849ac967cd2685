// `schema check --subject`: the candidate against what the registry holds under the subject,
// judged locally with avsc (the registry's own endpoint gives no reasons, and Apicurio says
// "compatible" when no rule is set). A subject that does not exist yet accepts any first version.
import type avro from 'avsc';
import type { RegistryClient, RegisteredSchema } from '../../registry/createRegistryClient.js';
import { checkCompatibility, parseAvroSchema, type CompatReport, type ExistingSchema } from '../../registry/compat/checkCompatibility.js';
import { COMPAT_LEVELS, type CompatLevel } from '../../registry/compat/compatLevels.js';
import { UsageError } from '../options/parseOptionValues.js';

export interface SubjectCheck extends CompatReport {
  subject: string;
  /** Where the level came from: `--level`, `subject`, `Apicurio global rule`, ... */
  levelSource: string;
  subjectExists: boolean;
}


function toExisting(version: RegisteredSchema): ExistingSchema {
  const label = `version ${version.version} (id ${version.id})`;
  const parsed = parseAvroSchema(version.schema, label);
  // Not a verdict about the candidate: the subject holds something this check cannot read.
  if (!parsed.ok) throw new UsageError(parsed.error);
  return { label, schema: parsed.value };
}

/** `registry.compatLevel` is asked only when no level was given. */
export async function checkSubject(
  registry: Pick<RegistryClient, 'latestSchema' | 'allVersions' | 'compatLevel'>,
  subject: string,
  candidate: avro.Type,
  level?: CompatLevel,
): Promise<SubjectCheck> {
  const chosen = level ? { level, source: '--level' } : await registry.compatLevel(subject);
  const versions = COMPAT_LEVELS[chosen.level].transitive
    ? await registry.allVersions(subject)
    : [await registry.latestSchema(subject)].filter((v): v is RegisteredSchema => v !== undefined);
  const report = checkCompatibility(candidate, versions.map(toExisting), chosen.level);
  return { subject, levelSource: chosen.source, subjectExists: versions.length > 0, ...report };
}
