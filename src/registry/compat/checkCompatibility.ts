// `schema check`'s verdict: the candidate against existing versions at a level, judged by avsc
// schema resolution in each direction the level demands. Pure: the shell fetches the versions.
import avro from 'avsc';
import { COMPAT_LEVELS, type CompatLevel } from './compatLevels.js';
import { describeCompatIssue, type CompatIssue } from './describeCompatIssue.js';
import { findResolutionIssues } from './findResolutionIssues.js';
import { describeError } from '../../errors.js';

export interface ExistingSchema {
  /** How reports name it: `version 3` (registry) or `the old schema` (offline). */
  label: string;
  schema: avro.Type;
}

export interface CompatReport {
  level: CompatLevel;
  compatible: boolean;
  /** Labels of the versions the candidate was checked against, oldest first. */
  checkedAgainst: string[];
  issues: CompatIssue[];
}

/** A parse failure names the file or version, so a typo is not reported as "incompatible". */
export function parseAvroSchema(text: string, label: string): { ok: true; value: avro.Type } | { ok: false; error: string } {
  try {
    return { ok: true, value: avro.Type.forSchema(JSON.parse(text) as avro.Schema) };
  } catch (error) {
    return { ok: false, error: `${label}: not a valid Avro schema: ${describeError(error)}` };
  }
}

/**
 * `existing` is oldest first. Non-transitive levels look at the last one only; an empty list is
 * a subject that does not exist yet, where any schema is a valid first version.
 */
export function checkCompatibility(candidate: avro.Type, existing: readonly ExistingSchema[], level: CompatLevel): CompatReport {
  const { directions, transitive } = COMPAT_LEVELS[level];
  const against = directions.length === 0 ? [] : transitive ? existing : existing.slice(-1);
  const issues: CompatIssue[] = [];
  for (const old of against) {
    for (const direction of directions) {
      const [reader, writer] = direction === 'backward' ? [candidate, old.schema] : [old.schema, candidate];
      for (const issue of findResolutionIssues(reader, writer)) issues.push(describeCompatIssue(issue, direction, old.label));
    }
  }
  return { level, compatible: issues.length === 0, checkedAgainst: against.map((old) => old.label), issues };
}
