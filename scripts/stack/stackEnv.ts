import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { HOST } from './ports.js';
import type { StackPaths } from './paths.js';
import { REGISTRY_CCOMPAT_PATH } from './registryConfig.js';
import type { StackSecrets } from './secrets.js';
import type { StackMode } from './state.js';
import type { TlsFiles } from './tls.js';

/**
 * The stack's connection settings, in CONTRACT §5's names where one exists. The SASL_SSL listener
 * is an extra: KAFKA_BROKERS stays PLAINTEXT, and the secured endpoint is described by STACK_SASL_*
 * so that a worker given this file as its environment connects to the plain listener.
 */
export function buildStackEnv(input: {
  brokerPorts: number[];
  saslPorts: number[];
  registryPort: number;
  mode: StackMode;
  secrets: StackSecrets;
  tls: TlsFiles | undefined;
}): Record<string, string> {
  const { brokerPorts, saslPorts, registryPort, mode, secrets, tls } = input;
  const env: Record<string, string> = {
    KAFKA_BROKERS: brokerPorts.map((port) => `${HOST}:${port}`).join(','),
    SCHEMA_REGISTRY_URL: `http://${HOST}:${registryPort}${REGISTRY_CCOMPAT_PATH}`,
  };
  if (mode.registryAuth) {
    env.SCHEMA_REGISTRY_USER = secrets.registryUsername;
    env.SCHEMA_REGISTRY_PASSWORD = secrets.registryPassword;
  }
  if (mode.security === 'sasl_ssl' && tls) {
    env.STACK_SASL_SSL_BROKERS = saslPorts.map((port) => `${HOST}:${port}`).join(',');
    env.STACK_SASL_MECHANISM = 'scram-sha-512';
    env.STACK_SASL_USERNAME = secrets.saslUsername;
    env.STACK_SASL_PASSWORD = secrets.saslPassword;
    env.STACK_SSL_CA_PATH = tls.caPem;
  }
  return env;
}

export function formatEnvFile(env: Record<string, string>): string {
  const lines = Object.entries(env).map(([key, value]) => `${key}=${value}`);
  return `# Written by \`npm run stack:up\`; read by the tests and tools. Do not commit.\n${lines.join('\n')}\n`;
}

export function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/.exec(line);
    if (match?.[1]) env[match[1]] = (match[2] ?? '').trim();
  }
  return env;
}

export function writeEnvFile(paths: StackPaths, env: Record<string, string>): void {
  writeFileSync(paths.envFile, formatEnvFile(env), { mode: 0o600 });
}

export function readEnvFile(paths: StackPaths): Record<string, string> | undefined {
  return existsSync(paths.envFile) ? parseEnvFile(readFileSync(paths.envFile, 'utf8')) : undefined;
}
