// The ways the README tells people to start the worker, as command lines, and a look at the
// process tree (/proc) to tell whether anything they started is still alive.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './workerHarness.js';
import type { WorkerCommand } from './workerProcesses.js';

export interface Launcher extends WorkerCommand {
  name: string;
  /** Extra environment the launcher itself sets (the image's ENV) or needs (npm's HOME). */
  env: Record<string, string>;
  /** False for `npx`: npm exec does not pass signals on, the orphaned worker stops by itself. */
  forwardsSignals: boolean;
}

/** The last `ENTRYPOINT [...]` and `CMD [...]` of the Dockerfile (exec form), joined: what the image runs. */
export function dockerCommandLine(): string[] {
  const text = readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8');
  const instruction = (name: string): string[] => {
    const lines = text.split('\n').filter((line) => line.startsWith(`${name} `));
    const last = lines.at(-1);
    if (!last) throw new Error(`Dockerfile has no ${name}`);
    return JSON.parse(last.slice(name.length + 1)) as string[];
  };
  return [...instruction('ENTRYPOINT'), ...instruction('CMD')];
}

/**
 * A project that installed callback-enricher as a dependency, as npm lays it out: the package
 * under node_modules and its bin linked into node_modules/.bin. Returns the project directory.
 */
export function makeInstalledProject(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'callback-enricher-user-'));
  mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(REPO_ROOT, join(dir, 'node_modules', 'callback-enricher'), 'dir');
  symlinkSync('../callback-enricher/bin/callback-enricher.js', join(dir, 'node_modules', '.bin', 'callback-enricher'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function documentedLaunchers(installedProject: string): Launcher[] {
  const [dockerCommand, ...dockerArgs] = dockerCommandLine();
  return [
    { name: 'npx callback-enricher worker', command: 'npx', args: ['callback-enricher', 'worker'], env: { HOME: process.env.HOME ?? '/root' }, forwardsSignals: false },
    { name: 'node_modules/.bin/callback-enricher worker', command: join(installedProject, 'node_modules', '.bin', 'callback-enricher'), args: ['worker'], cwd: installedProject, env: {}, forwardsSignals: true },
    { name: 'node bin/callback-enricher.js worker', command: process.execPath, args: ['bin/callback-enricher.js', 'worker'], env: {}, forwardsSignals: true },
    // No Docker engine needed: the exact command line the image runs, with the image's ENV.
    { name: `Docker image: ${dockerCommandLine().join(' ')}`, command: dockerCommand!, args: dockerArgs, env: { NODE_ENV: 'production' }, forwardsSignals: true },
  ];
}

/** The process and every descendant, now (children read from /proc/<pid>/task/<tid>/children). */
export function processTree(pid: number): number[] {
  const found = [pid];
  for (let i = 0; i < found.length; i += 1) {
    const taskDir = `/proc/${found[i]}/task`;
    if (!existsSync(taskDir)) continue;
    for (const task of safeList(taskDir)) {
      const children = safeRead(join(taskDir, task, 'children')).trim();
      if (children !== '') found.push(...children.split(/\s+/).map(Number));
    }
  }
  return found;
}

/** Alive: it exists and is not a zombie waiting to be reaped. */
export function isAlive(pid: number): boolean {
  const status = safeRead(`/proc/${pid}/stat`);
  if (status === '') return false;
  // Field 3 (after the parenthesised command name) is the state.
  return status.slice(status.lastIndexOf(')') + 2, status.lastIndexOf(')') + 3) !== 'Z';
}

export function commandLineOf(pid: number): string {
  return safeRead(`/proc/${pid}/cmdline`).split('\0').join(' ').trim();
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function safeList(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

/** Compiles src/ to dist/, which bin/callback-enricher.js runs (npm ci does it through `prepare`). */
export async function buildDist(): Promise<void> {
  await promisify(execFile)(process.execPath, [join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: REPO_ROOT });
}
