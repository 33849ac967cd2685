// The suite's private stack: 3 brokers and a registry on free ports in STACK_DIR (default
// .local/chaos-stack), never the shared one, since the scenarios stop and freeze its processes.
import { join } from 'node:path';
import { readStackEnv, signalProcess, startProcess, startStack, stopProcess, stopStack } from '../stack/control.js';
import { REPO_ROOT } from '../stack/paths.js';

export interface ChaosStack {
  dir: string;
  /** KAFKA_BROKERS, SCHEMA_REGISTRY_URL (and auth, if the stack has it). */
  env: Record<string, string>;
  freeze(name: string): void;
  thaw(name: string): void;
  /** Stops one process: SIGTERM (a clean shutdown) or with `hard` SIGKILL (a crash). */
  stop(name: string, options?: { hard?: boolean }): Promise<void>;
  start(name: string): Promise<void>;
  down(): Promise<void>;
}

export function chaosStackDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.STACK_DIR ? env.STACK_DIR : join(REPO_ROOT, '.local', 'chaos-stack');
}

export async function upChaosStack(dir: string): Promise<ChaosStack> {
  const { env } = await startStack({ dir, env: { ...process.env, STACK_BROKERS: '3' } });
  return {
    dir,
    env: readStackEnv(dir) ?? env,
    freeze: (name) => signalProcess(name, 'SIGSTOP', { dir }),
    thaw: (name) => signalProcess(name, 'SIGCONT', { dir }),
    stop: (name, options = {}) => stopProcess(name, { dir, ...options }),
    start: (name) => startProcess(name, { dir }),
    // A frozen process cannot stop: let everything go on first, then stop and wipe the data.
    async down() {
      for (const name of ['registry', 'broker-1', 'broker-2', 'broker-3']) {
        try {
          signalProcess(name, 'SIGCONT', { dir });
        } catch {
          // not running
        }
      }
      await stopStack({ dir, clean: true });
    },
  };
}
