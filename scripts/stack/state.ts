import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { StackPaths } from './paths.js';

export type Security = 'none' | 'sasl_ssl';

export interface StackMode {
  brokers: 1 | 3;
  security: Security;
  registryAuth: boolean;
}

export type ProcessKind = 'broker' | 'registry';

/** Everything needed to start one process again exactly as `up` did (see control.ts). */
export interface ProcessSpec {
  name: string;
  kind: ProcessKind;
  nodeId?: number;
  command: string;
  args: string[];
  cwd: string;
  logFile: string;
  ports: Record<string, number>;
  /** Class-data-sharing archive (see processes.ts); JVM flags for it are added at each start. */
  cds?: { archive: string; dump: boolean };
}

/** `.local/run/stack.json`: what `up` built, read by down, status and the test helpers. */
export interface StackState {
  dir: string;
  mode: StackMode;
  kafkaVersion: string;
  apicurioVersion: string;
  clusterId: string;
  processes: ProcessSpec[];
  /** The values written to stack.env (secrets included; never printed). */
  env: Record<string, string>;
}

export function readState(paths: StackPaths): StackState | undefined {
  if (!existsSync(paths.stateFile)) return undefined;
  return JSON.parse(readFileSync(paths.stateFile, 'utf8')) as StackState;
}

export function writeState(paths: StackPaths, state: StackState): void {
  mkdirSync(dirname(paths.stateFile), { recursive: true });
  const temp = `${paths.stateFile}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, paths.stateFile);
}

export function findSpec(state: StackState, name: string): ProcessSpec {
  const spec = state.processes.find((candidate) => candidate.name === name);
  if (!spec) {
    const names = state.processes.map((candidate) => candidate.name).join(', ');
    throw new Error(`no stack process named "${name}" (this stack has: ${names})`);
  }
  return spec;
}
