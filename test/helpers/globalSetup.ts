// vitest global setup of the `integration` project: find or start the real stack.
//  1. KAFKA_BROKERS and SCHEMA_REGISTRY_URL set → use them (an existing cluster and registry);
//  2. else the local stack of .local/ (STACK_DIR): `startStack` is idempotent: a live stack is
//     used as it is, a stopped one (or a stopped part of one) is started;
//  3. a stack this run started from nothing is stopped at the end, unless another test run
//     is still using it (then the last one out stops it).
// Tests read the settings with `stackEnv()` (test/helpers/stack.ts); they are also in process.env.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startStack, stopStack } from '../../scripts/stack/control.js';
import { stackPaths } from '../../scripts/stack/paths.js';
import { isPidAlive } from '../../scripts/stack/processes.js';
import { ENV_VARIABLE_NAMES } from '../../src/config/envVariables.js';


function externalEnv(): Record<string, string> | undefined {
  const { KAFKA_BROKERS, SCHEMA_REGISTRY_URL } = process.env;
  if (!KAFKA_BROKERS && !SCHEMA_REGISTRY_URL) return undefined;
  if (!KAFKA_BROKERS || !SCHEMA_REGISTRY_URL) {
    throw new Error('set both KAFKA_BROKERS and SCHEMA_REGISTRY_URL to test against an existing stack, or neither');
  }
  const env: Record<string, string> = {};
  for (const key of ENV_VARIABLE_NAMES) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  return env;
}

/** Test runs using the local stack register as `.local/run/clients/<pid>`. */
function otherLiveClients(clientsDir: string): number[] {
  if (!existsSync(clientsDir)) return [];
  return readdirSync(clientsDir)
    .map(Number)
    .filter((pid) => pid !== process.pid && Number.isInteger(pid) && isPidAlive(pid));
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const external = externalEnv();
  if (external) {
    project.provide('stackEnv', external);
    project.provide('stackIsLocal', false);
    return undefined;
  }
  const paths = stackPaths();
  const { env, started, state } = await startStack();
  const ownedMarker = join(paths.run, 'started-by-tests');
  if (started.length === state.processes.length) writeFileSync(ownedMarker, `${process.pid}\n`);
  mkdirSync(paths.clientsDir, { recursive: true });
  const clientFile = join(paths.clientsDir, String(process.pid));
  writeFileSync(clientFile, '');
  for (const [key, value] of Object.entries(env)) process.env[key] ??= value;
  project.provide('stackEnv', env);
  project.provide('stackIsLocal', true);
  return async () => {
    rmSync(clientFile, { force: true });
    if (existsSync(ownedMarker) && otherLiveClients(paths.clientsDir).length === 0) {
      rmSync(ownedMarker, { force: true });
      await stopStack();
    }
  };
}
