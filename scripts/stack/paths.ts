import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APICURIO_VERSION, KAFKA_VERSION } from './versions.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface StackPaths {
  dir: string;
  dist: string;
  kafkaHome: string;
  apicurioHome: string;
  apicurioTarball: string;
  data: string;
  logs: string;
  run: string;
  config: string;
  tls: string;
  envFile: string;
  stateFile: string;
  lockFile: string;
  clientsDir: string;
}

/** The stack's folder: STACK_DIR, else `.local/` at the repository root (gitignored). */
export function resolveStackDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.STACK_DIR ? resolve(env.STACK_DIR) : join(REPO_ROOT, '.local');
}

export function stackPaths(dir: string = resolveStackDir()): StackPaths {
  const dist = join(dir, 'dist');
  const run = join(dir, 'run');
  return {
    dir,
    dist,
    kafkaHome: join(dist, `kafka-${KAFKA_VERSION}`),
    apicurioHome: join(dist, `apicurio-${APICURIO_VERSION}`),
    apicurioTarball: join(dist, `apicurio-registry-app-${APICURIO_VERSION}-all.tar.gz`),
    data: join(dir, 'data'),
    logs: join(dir, 'logs'),
    run,
    config: join(dir, 'config'),
    tls: join(dir, 'tls'),
    envFile: join(dir, 'stack.env'),
    stateFile: join(run, 'stack.json'),
    lockFile: join(run, 'up.lock'),
    clientsDir: join(run, 'clients'),
  };
}
