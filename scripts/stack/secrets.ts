import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StackPaths } from './paths.js';

/** Generated once per stack folder, kept in .local/run/secrets.json (0600), never printed. */
export interface StackSecrets {
  keystorePassword: string;
  saslUsername: string;
  saslPassword: string;
  registryUsername: string;
  registryPassword: string;
}

function randomSecret(): string {
  return randomBytes(18).toString('base64url');
}

export function loadSecrets(paths: StackPaths): StackSecrets {
  const file = join(paths.run, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as StackSecrets;
  const secrets: StackSecrets = {
    keystorePassword: randomSecret(),
    saslUsername: 'callback-enricher',
    saslPassword: randomSecret(),
    registryUsername: 'callback-enricher',
    registryPassword: randomSecret(),
  };
  mkdirSync(paths.run, { recursive: true });
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}

const SECRET_KEY = /PASSWORD|SECRET/i;

/** A KEY=value map for printing: secret values masked. */
export function redact(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, SECRET_KEY.test(key) ? '********' : value]));
}
