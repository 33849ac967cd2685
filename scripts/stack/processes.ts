import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { START_MARKER } from './log.js';
import type { StackPaths } from './paths.js';
import type { ProcessSpec } from './state.js';

/**
 * Each stack JVM carries `-Dcallback-enricher.stack=<dir>/<name>` on its command line, so a pid
 * file is trusted only while that pid still is our process (pids get reused).
 */
export function processMarker(paths: StackPaths, name: string): string {
  return `-Dcallback-enricher.stack=${join(paths.dir, name)}`;
}

function pidFile(paths: StackPaths, name: string): string {
  return join(paths.run, `${name}.pid`);
}

function commandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return undefined;
  }
}

/** The pid of the running process `name` of this stack folder, or undefined. */
export function runningPid(paths: StackPaths, name: string): number | undefined {
  const file = pidFile(paths, name);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  const cmd = commandLine(pid);
  return cmd?.includes(processMarker(paths, name)) ? pid : undefined;
}

/**
 * JVM flags for class data sharing: the first clean run of a process marked `dump` writes the
 * archive when it exits; later starts map it, which cuts start-up CPU by about half on 2 cores.
 * A missing or mismatched archive only costs that saving (the JVM ignores it).
 */
function cdsFlags(spec: ProcessSpec): string[] {
  if (!spec.cds) return [];
  const quiet = '-Xlog:cds*=off';
  if (existsSync(spec.cds.archive)) return [quiet, `-XX:SharedArchiveFile=${spec.cds.archive}`];
  if (!spec.cds.dump) return [];
  mkdirSync(dirname(spec.cds.archive), { recursive: true });
  return [quiet, `-XX:ArchiveClassesAtExit=${spec.cds.archive}`];
}

/** Starts a spec detached from this process (it outlives `stack:up`), output appended to its log. */
export function spawnSpec(paths: StackPaths, spec: ProcessSpec): number {
  mkdirSync(paths.run, { recursive: true });
  mkdirSync(paths.logs, { recursive: true });
  const fd = openSync(spec.logFile, 'a');
  writeSync(fd, `\n${START_MARKER} ${spec.name} at ${new Date().toISOString()}\n`);
  try {
    const child = spawn(spec.command, [...cdsFlags(spec), ...spec.args], {
      cwd: spec.cwd,
      detached: true,
      stdio: ['ignore', fd, fd],
      env: process.env,
    });
    if (child.pid === undefined) throw new Error(`could not start ${spec.command} for ${spec.name}`);
    child.unref();
    writeFileSync(pidFile(paths, spec.name), `${child.pid}\n`);
    return child.pid;
  } finally {
    closeSync(fd);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export interface StopOptions {
  /** SIGKILL at once (a crash) instead of SIGTERM (a clean shutdown). */
  hard?: boolean;
  /** After this long a SIGTERM'd process is killed. */
  timeoutMs?: number;
}

/** Stops process `name` if it runs; resolves once it has exited. Returns whether it was running. */
export async function stopSpecProcess(paths: StackPaths, name: string, options: StopOptions = {}): Promise<boolean> {
  const pid = runningPid(paths, name);
  rmSync(pidFile(paths, name), { force: true });
  if (pid === undefined) return false;
  process.kill(pid, options.hard ? 'SIGKILL' : 'SIGTERM');
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let killed = options.hard === true;
  while (isPidAlive(pid)) {
    if (!killed && Date.now() > deadline) {
      process.kill(pid, 'SIGKILL');
      killed = true;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

/** Whether a pid is alive; used while waiting for a starting process to answer. */
export function isPidAlive(pid: number): boolean {
  return isAlive(pid) && commandLine(pid) !== undefined && !isZombie(pid);
}

function isZombie(pid: number): boolean {
  try {
    return /^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return true;
  }
}
