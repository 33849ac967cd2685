// Helpers for tests and tools that drive the local stack: read its settings, and stop or start one
// process by name (broker-1, broker-2, broker-3, registry) for fault tests.
import { StackError } from './errors.js';
import { acquireLock } from './lock.js';
import { stackPaths } from './paths.js';
import { runningPid, stopSpecProcess, type StopOptions } from './processes.js';
import { readEnvFile } from './stackEnv.js';
import { findSpec, readState } from './state.js';
import { startSpecs } from './up.js';

export { listStackProcesses, type ProcessStatus } from './status.js';
export { startStack, type UpResult } from './up.js';
export { stopStack } from './down.js';

/** The KEY=value settings of `.local/stack.env` (or STACK_DIR's), or undefined when absent. */
export function readStackEnv(dir?: string): Record<string, string> | undefined {
  return readEnvFile(stackPaths(dir));
}

/** True when this folder holds a stack this process can stop and start (not an external cluster). */
export function canControlStack(dir?: string): boolean {
  return readState(stackPaths(dir)) !== undefined;
}

/** Stops one process: SIGTERM and wait for it to exit, or `{ hard: true }` for SIGKILL (a crash). */
export async function stopProcess(name: string, options: StopOptions & { dir?: string } = {}): Promise<void> {
  const paths = stackPaths(options.dir);
  const state = readState(paths);
  if (!state) throw new StackError(`no stack in ${paths.dir}`);
  findSpec(state, name);
  await stopSpecProcess(paths, name, options);
}

/**
 * Sends a signal to one running process: SIGSTOP freezes it (it keeps its connections open and
 * answers nothing, like a hung JVM), SIGCONT lets it go on.
 */
export function signalProcess(name: string, signal: 'SIGSTOP' | 'SIGCONT', options: { dir?: string } = {}): void {
  const paths = stackPaths(options.dir);
  const pid = runningPid(paths, name);
  if (pid === undefined) throw new StackError(`${name} is not running in ${paths.dir}`);
  process.kill(pid, signal);
}

/** Starts one stopped process exactly as `up` did (same ports and data) and waits until it answers. */
export async function startProcess(name: string, options: { dir?: string } = {}): Promise<void> {
  const paths = stackPaths(options.dir);
  const release = await acquireLock(paths);
  try {
    const state = readState(paths);
    if (!state) throw new StackError(`no stack in ${paths.dir}`);
    const spec = findSpec(state, name);
    if (runningPid(paths, name) !== undefined) return;
    await startSpecs(paths, state, [spec]);
  } finally {
    release();
  }
}
