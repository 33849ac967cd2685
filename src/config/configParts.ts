// Small helpers of parseConfig: registry credentials out of the URL, and a deep freeze.
import type { RegistryConfig } from './config.js';
import type { ConfigProblem } from './configError.js';

/**
 * Credentials in the URL (https://user:pass@host) move to `auth`: fetch refuses URLs with
 * credentials, and its error message would print them.
 */
export function splitRegistryUrl(rawUrl: string, user: string, password: string, problems: ConfigProblem[]): RegistryConfig {
  const url = new URL(rawUrl);
  const inUrl = url.username !== '' || url.password !== '';
  if (inUrl && user !== '') {
    problems.push({ variable: 'SCHEMA_REGISTRY_URL', message: 'has credentials and SCHEMA_REGISTRY_USER is set too; use one of them' });
  }
  const auth = inUrl
    ? { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) }
    : user !== '' ? { username: user, password } : undefined;
  url.username = '';
  url.password = '';
  const base = url.toString().replace(/\/+$/, ''); // paths are appended as /schemas/ids/1
  return auth ? { url: base, auth } : { url: base };
}

export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
