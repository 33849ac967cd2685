import { rmSync } from 'node:fs';
import { acquireLock } from './lock.js';
import { say } from './log.js';
import { stackPaths } from './paths.js';
import { runningPid, stopSpecProcess } from './processes.js';
import { readState } from './state.js';

const PROCESS_NAMES = ['broker-1', 'broker-2', 'broker-3', 'registry'];

/**
 * Stops the processes this stack folder started (by pid file; nothing else is touched).
 * With `clean`, also wipes Kafka's and the registry's data, logs, configs, certificates and
 * stack.env; the fetched distributions in .local/dist stay, so the next start is warm.
 */
export async function stopStack(options: { dir?: string; clean?: boolean } = {}): Promise<string[]> {
  const paths = stackPaths(options.dir);
  const release = await acquireLock(paths);
  try {
    const state = readState(paths);
    const names = state ? state.processes.map((spec) => spec.name) : PROCESS_NAMES;
    const running = names.filter((name) => runningPid(paths, name) !== undefined);
    if (running.length > 0) say(`stopping ${running.join(', ')}`);
    // The registry first, then the brokers together: a lone combined node cannot shut down
    // cleanly once its quorum is gone, so they go at once (30 s grace, then SIGKILL).
    await stopSpecProcess(paths, 'registry');
    await Promise.all(names.filter((name) => name !== 'registry').map((name) => stopSpecProcess(paths, name)));
    if (running.length === 0) say('nothing was running');
    rmSync(`${paths.run}/started-by-tests`, { force: true });
    if (options.clean) {
      for (const path of [paths.data, paths.logs, paths.config, paths.tls, paths.envFile, paths.stateFile]) {
        rmSync(path, { recursive: true, force: true });
      }
      rmSync(`${paths.run}/secrets.json`, { force: true });
      say(`wiped data, logs and settings in ${paths.dir} (kept ${paths.dist})`);
    }
    return running;
  } finally {
    release();
  }
}
