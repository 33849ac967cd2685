// The compatibility level a subject is held to, when `schema check` is not given one. Confluent
// answers GET /config/{subject} with 404 when the subject has no level of its own (the global
// level applies). Apicurio's ccompat API answers 200 NONE instead, even though its own global
// or artifact rule is what it enforces (STACK-NOTES), so for Apicurio the native rules are asked.
import { COMPAT_SETTING, readAnswer } from '../registryAnswers.js';
import { RegistryHttpError } from '../registryErrors.js';
import { requestRegistry, type RegistryEndpoint } from '../requestRegistry.js';
import { isCompatLevel, type CompatLevel } from './compatLevels.js';

export interface CompatLevelAnswer {
  level: CompatLevel;
  /** Where it came from, for the report: `subject`, `global`, `Apicurio artifact rule`, ... */
  source: string;
}

const APICURIO_CCOMPAT = /\/apis\/ccompat\/v\d+$/;
/** Confluent's own default when nothing is configured. */
const REGISTRY_DEFAULT: CompatLevelAnswer = { level: 'BACKWARD', source: 'registry default' };

type CompatSetting = Partial<Record<'compatibilityLevel' | 'compatibility' | 'config', string>>;

async function getOrUndefined(endpoint: RegistryEndpoint, path: string): Promise<CompatSetting | undefined> {
  try {
    return readAnswer(COMPAT_SETTING, await requestRegistry(endpoint, 'GET', path), `GET ${path}`);
  } catch (error) {
    if (error instanceof RegistryHttpError && error.status === 404) return undefined;
    throw error;
  }
}

function levelOf(answer: CompatSetting | undefined, ...keys: Array<keyof CompatSetting>): CompatLevel | undefined {
  for (const key of keys) {
    const value = answer?.[key];
    if (value !== undefined && isCompatLevel(value.toUpperCase())) return value.toUpperCase() as CompatLevel;
  }
  return undefined;
}

async function fetchApicurioRule(endpoint: RegistryEndpoint, subject: string): Promise<CompatLevelAnswer | undefined> {
  const native = { ...endpoint, url: endpoint.url.replace(APICURIO_CCOMPAT, '/apis/registry/v3') };
  const artifact = levelOf(await getOrUndefined(native, `/groups/default/artifacts/${encodeURIComponent(subject)}/rules/COMPATIBILITY`), 'config');
  if (artifact) return { level: artifact, source: 'Apicurio artifact rule' };
  const global = levelOf(await getOrUndefined(native, '/admin/rules/COMPATIBILITY'), 'config');
  return global ? { level: global, source: 'Apicurio global rule' } : undefined;
}

export async function fetchCompatLevel(endpoint: RegistryEndpoint, subject: string): Promise<CompatLevelAnswer> {
  const apicurio = APICURIO_CCOMPAT.test(endpoint.url);
  const own = levelOf(await getOrUndefined(endpoint, `/config/${encodeURIComponent(subject)}`), 'compatibilityLevel', 'compatibility');
  if (own !== undefined && (own !== 'NONE' || !apicurio)) return { level: own, source: 'subject' };
  if (apicurio) {
    const rule = await fetchApicurioRule(endpoint, subject);
    if (rule) return rule;
  }
  const global = levelOf(await getOrUndefined(endpoint, '/config'), 'compatibilityLevel', 'compatibility');
  if (global !== undefined) return { level: global, source: 'global' };
  return REGISTRY_DEFAULT;
}
