// Signals through every launcher the README documents: the outermost process gets SIGTERM or
// SIGINT (what systemd, a container runtime, a CI job or Ctrl-C sends), and afterwards no process
// it started may remain. Direct launchers exit 0 after a graceful stop. `npx` does not pass
// signals on: npm exec runs the bin under `sh -c` and forwards SIGTERM/SIGINT to that shell only;
// on SIGTERM npm and the shell die and the worker, orphaned, notices and stops by itself; a SIGINT
// sent to npx alone is swallowed by the shell (nothing stops), so that case is tested as a
// terminal delivers Ctrl-C, to the whole process group.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/waitFor.js';
import { buildDist, commandLineOf, documentedLaunchers, isAlive, makeInstalledProject, processTree, type Launcher } from './launchers.js';
import { createWorkerTopics, workerEnv, type WorkerTopics } from './workerHarness.js';
import { killSpawnedWorkers, spawnWorker, waitUntilReady } from './workerProcesses.js';

let topics: WorkerTopics;
const project = makeInstalledProject();
const launchers = documentedLaunchers(project.dir);
const leftovers = new Set<number>();

beforeAll(async () => {
  // bin/callback-enricher.js runs dist/: compile what this checkout holds.
  await Promise.all([buildDist(), createWorkerTopics('launch').then((made) => { topics = made; })]);
});

afterAll(async () => {
  await killSpawnedWorkers();
  // Whatever a failed case left behind (a worker orphaned by npx) goes too.
  for (const pid of leftovers) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  project.remove();
});

type Target = 'outermost process' | 'process group (Ctrl-C in a terminal)';

async function startAndSignal(launcher: Launcher, signal: NodeJS.Signals, target: Target) {
  const worker = spawnWorker({ ...workerEnv(topics), ...launcher.env }, { ...launcher, detached: true });
  await waitUntilReady(worker, 90_000);
  const outermost = worker.child.pid!;
  const tree = processTree(outermost);
  const commandLines = tree.map((pid) => `${pid} ${commandLineOf(pid)}`);
  for (const pid of tree) leftovers.add(pid);
  // The node process that runs the CLI (not npm exec, nor the shell it starts the bin with).
  const workerPid = tree.find((pid) => /^\S*node\s+\S*callback-enricher(\.js)?\s+worker$/.test(commandLineOf(pid)));
  expect(workerPid, commandLines.join('\n')).toBeDefined();
  process.kill(target === 'outermost process' ? outermost : -outermost, signal);
  const exit = await worker.exited;
  // Bounded: the worker stops within its shutdown timeout plus the parent check's interval.
  await waitFor(() => tree.every((pid) => !isAlive(pid)), {
    timeoutMs: 45_000,
    message: () => `no process left of ${commandLines.join(', ')}`,
  });
  await waitFor(() => worker.logs.some((line) => line.msg === 'shutdown complete'), { timeoutMs: 5_000, message: 'the worker logged its graceful shutdown' });
  return { exit, worker, tree, workerPid: workerPid! };
}

const shutDownOn = (worker: { logs: Array<Record<string, unknown>> }, signal: string): boolean =>
  worker.logs.some((line) => line.msg === 'shutting down' && line.signal === signal);

describe('signals through every documented launcher', () => {
  for (const launcher of launchers.filter((one) => one.forwardsSignals)) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      it(`${launcher.name}: ${signal} to the outermost process stops the worker gracefully, exit 0, no process left`, async () => {
        const { exit, worker, tree, workerPid } = await startAndSignal(launcher, signal, 'outermost process');
        // The worker is the outermost process (env execs node; nothing in between).
        expect(workerPid).toBe(worker.child.pid);
        expect(tree).toEqual([workerPid]);
        expect(exit, worker.stderr()).toEqual({ code: 0, signal: null });
        expect(shutDownOn(worker, signal)).toBe(true);
      });
    }
  }

  const npx = launchers.find((one) => !one.forwardsSignals)!;
  it(`${npx.name}: SIGTERM to npx, which dies without passing it on: the orphaned worker stops by itself, no process left`, async () => {
    const { worker, workerPid } = await startAndSignal(npx, 'SIGTERM', 'outermost process');
    expect(workerPid).not.toBe(worker.child.pid);
    expect(worker.logs.some((line) => String(line.msg).startsWith('parent process gone'))).toBe(true);
  });

  it(`${npx.name}: SIGINT to its process group, as Ctrl-C in a terminal sends it: the worker stops gracefully, no process left`, async () => {
    const { worker } = await startAndSignal(npx, 'SIGINT', 'process group (Ctrl-C in a terminal)');
    expect(shutDownOn(worker, 'SIGINT')).toBe(true);
  });
});
