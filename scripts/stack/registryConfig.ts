import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StackError } from './errors.js';
import type { Java } from './java.js';
import { HOST } from './ports.js';
import type { StackPaths } from './paths.js';
import type { StackSecrets } from './secrets.js';
import type { ProcessSpec, StackMode } from './state.js';
import { processMarker } from './processes.js';

export const REGISTRY_CCOMPAT_PATH = '/apis/ccompat/v7';

/** 3.0–3.1 ship `apicurio-registry-app-<v>-runner.jar`; 3.2+ ship `quarkus-app/quarkus-run.jar`. */
function registryJar(home: string, version: string): string {
  const candidates = [join(home, `apicurio-registry-app-${version}-runner.jar`), join(home, 'quarkus-app', 'quarkus-run.jar')];
  const jar = candidates.find((candidate) => existsSync(candidate));
  if (!jar) throw new StackError(`no Apicurio runner jar in ${home}; run \`npm run stack:down -- --clean\` and try again`);
  return jar;
}

/**
 * Apicurio settings, written to `<cwd>/config/application.properties` (Quarkus reads it from the
 * working folder), so that the basic-auth password never appears on a command line.
 */
function registryProperties(port: number, storageUrl: string, mode: StackMode, secrets: StackSecrets): string {
  const settings: Record<string, string> = {
    'quarkus.http.host': HOST,
    'quarkus.http.port': String(port),
    // 3.2+ opens a management interface on 9000; off, so it cannot clash with anything.
    'quarkus.management.enabled': 'false',
    'quarkus.http.access-log.enabled': 'false',
    'quarkus.log.console.color': 'false',
    // Confluent-compatible behaviour for @kafkajs/confluent-schema-registry (STACK-NOTES.md).
    'apicurio.rules.global.compatibility': 'BACKWARD',
    'apicurio.ccompat.use-canonical-hash': 'true',
    'apicurio.ccompat.legacy-id-mode.enabled': 'false',
    'apicurio.storage.kind': 'sql',
    'apicurio.storage.sql.kind': 'h2',
    'apicurio.datasource.url': storageUrl,
  };
  if (mode.registryAuth) {
    Object.assign(settings, {
      'quarkus.http.auth.basic': 'true',
      'quarkus.security.users.embedded.enabled': 'true',
      'quarkus.security.users.embedded.plain-text': 'true',
      [`quarkus.security.users.embedded.users.${secrets.registryUsername}`]: secrets.registryPassword,
      [`quarkus.security.users.embedded.roles.${secrets.registryUsername}`]: 'sr-admin',
      // Authentication only: any authenticated user may read and write (no role checks).
      'apicurio.auth.role-based-authorization': 'false',
      // Otherwise every request logs its principal and an audit line at INFO.
      'quarkus.log.category."io.apicurio.registry.auth".level': 'WARN',
      'quarkus.log.category."io.apicurio.registry.logging.audit".level': 'WARN',
      'quarkus.log.category."io.quarkus.oidc".level': 'ERROR',
    });
  }
  return `${Object.entries(settings)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n')}\n`;
}

export function buildRegistrySpec(input: {
  paths: StackPaths;
  java: Java;
  version: string;
  port: number;
  mode: StackMode;
  secrets: StackSecrets;
}): ProcessSpec {
  const { paths, java, version, port, mode, secrets } = input;
  const name = 'registry';
  const cwd = join(paths.config, name);
  mkdirSync(join(cwd, 'config'), { recursive: true });
  // H2 in a file under .local/data: schemas (and their ids) survive a registry restart, as in a
  // real registry, so they stay consistent with the records already in Kafka. --clean wipes it.
  const storageUrl = `jdbc:h2:file:${join(paths.data, name, 'registry')}`;
  writeFileSync(join(cwd, 'config', 'application.properties'), registryProperties(port, storageUrl, mode, secrets), {
    mode: 0o600,
  });
  return {
    name,
    kind: 'registry',
    command: java.java,
    // C1 only: the registry needs little peak speed, and it halves its start-up CPU.
    args: [
      '-Xms128m',
      '-Xmx512m',
      '-XX:TieredStopAtLevel=1',
      processMarker(paths, name),
      '-jar',
      registryJar(paths.apicurioHome, version),
    ],
    cwd,
    logFile: join(paths.logs, `${name}.log`),
    ports: { http: port },
    cds: { archive: join(paths.dir, 'cds', `apicurio-${version}.jsa`), dump: true },
  };
}
