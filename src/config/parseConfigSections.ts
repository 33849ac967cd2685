// process.env → the validated, frozen sections a command asked for. The only reader of the
// environment (commands pass env in), and the one place in the shell that reads ROUTES_FILE and
// the CA file, so a missing file stops start-up with a message naming its variable.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { ConfigSections, SectionName } from './config.js';
import { ConfigError, type ConfigProblem } from './configError.js';
import { deepFreeze } from './configParts.js';
import { CONFIG_SECTIONS } from './configSections.js';
import { checkNodeForClient, SECTION_BUILDERS, type ConfigIo } from './buildSections.js';
import { ENV_SCHEMAS, type EnvValues } from './envSchemas.js';
import { ENV_VARIABLES, ENV_VARIABLE_NAMES, type EnvVariableName } from './envVariables.js';
import { hideSecretsWhenPrinted } from './redactConfig.js';

export type { ConfigIo } from './buildSections.js';

export type ParsedSections<S extends SectionName> = { readonly [K in S]: ConfigSections[K] };

export const NODE_IO: ConfigIo = { readFile: (path) => readFileSync(path, 'utf8'), hostname, nodeVersion: () => process.versions.node };

function quote(name: EnvVariableName, raw: string): string {
  if (ENV_VARIABLES[name].secret) return ''; // a secret's value never reaches a message
  return ` (got ${JSON.stringify(raw.length > 100 ? `${raw.slice(0, 100)}…` : raw)})`;
}

function readEnvValues(env: Record<string, string | undefined>, names: ReadonlySet<EnvVariableName>, io: ConfigIo, problems: ConfigProblem[]): EnvValues {
  const values: Partial<Record<EnvVariableName, unknown>> = {};
  for (const name of ENV_VARIABLE_NAMES) {
    if (!names.has(name)) continue;
    const secret = ENV_VARIABLES[name].secret;
    const given = secret ? env[name] : env[name]?.trim();
    const fallback = name === 'INSTANCE_ID' ? io.hostname() : ENV_VARIABLES[name].default;
    const raw = given === undefined || given === '' ? fallback : given;
    if (raw === undefined) {
      problems.push({ variable: name, message: 'required, not set' });
      continue;
    }
    const parsed = ENV_SCHEMAS[name].safeParse(raw);
    if (parsed.success) values[name] = parsed.data;
    else problems.push({ variable: name, message: `${parsed.error.issues[0]?.message ?? 'invalid'}${quote(name, raw)}` });
  }
  // Only the requested sections' values are present; each builder reads only its own.
  return values as EnvValues;
}

/** Throws ConfigError naming every bad variable of the requested sections (and no other). */
export function parseConfigSections<S extends SectionName>(
  env: Record<string, string | undefined>,
  sections: readonly S[],
  io: ConfigIo = NODE_IO,
): ParsedSections<S> {
  const problems: ConfigProblem[] = [];
  const wanted = new Set<SectionName>(sections);
  // The worker's route rules must not name one of its own topics: that check needs the topics.
  if (wanted.has('worker')) wanted.add('topics');
  const names = new Set<EnvVariableName>([...wanted].flatMap((section) => CONFIG_SECTIONS[section]));
  const v = readEnvValues(env, names, io, problems);
  if (wanted.has('kafka')) checkNodeForClient(v, io, problems); // in the same message as the other bad values
  if (problems.length > 0) throw new ConfigError(problems); // the builders need every value
  const parsed: Partial<Record<SectionName, unknown>> = {};
  for (const section of sections) parsed[section] = SECTION_BUILDERS[section](v, io, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(hideSecretsWhenPrinted(parsed as ParsedSections<S>));
}
