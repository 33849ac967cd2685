// The workers under test, started as a user starts them (`node --import tsx src/cli/main.ts
// worker` with env), each a child process with its log in a file. Kills, stops, freezes and
// restarts by name; an exit nobody asked for is recorded as a crash.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../stack/paths.js';

/** How to start Node: this one, or another version's binary (the platformatic client needs 22). */
export interface NodeLaunch {
  node: string;
  label: string;
}

export interface Fleet {
  start(name: string): void;
  /** SIGKILL (a crash) and wait for the exit. */
  kill(name: string): Promise<void>;
  /** SIGTERM (a graceful leave) and wait for the exit. */
  stop(name: string): Promise<void>;
  /**
   * Resolves once the worker logged that it consumes (or after `timeoutMs`, answering false):
   * faults are aimed at workers at work, not at ones still loading.
   */
  whenConsuming(name: string, timeoutMs?: number): Promise<boolean>;
  /** Resolves once the worker's output holds `mark` (false on exit or after `timeoutMs`). */
  whenLogged(name: string, mark: string, timeoutMs?: number): Promise<boolean>;
  freeze(name: string): void;
  thaw(name: string): void;
  running(): string[];
  /** Unexpected exits so far ("w2 exited by itself …"), and workers that did not exit on SIGTERM. */
  crashes(): string[];
  /** Stops every worker (SIGCONT first: a frozen one cannot take a SIGTERM). */
  stopAll(): Promise<void>;
}

interface Member {
  /** The last few KiB of its output, and who waits for which mark in it. */
  tail(): string;
  waiters: Array<{ mark: string; resolve: () => void }>;
  child: ChildProcess;
  exited: Promise<void>;
  expectedExit: boolean;
  consuming: Promise<void>;
}

/** The worker's log line once it has joined its group and fetches (src/worker/createWorker.ts). */
const CONSUMING_MARK = '"msg":"worker consuming"';

const everyChild = new Set<ChildProcess>();
// Ctrl-C or a crash of the suite must not leave workers behind (they would hold the groups).
process.once('exit', () => { for (const child of everyChild) child.kill('SIGKILL'); });

export function createFleet(options: { env: Record<string, string>; logDir: string; launch: NodeLaunch; graceMs?: number }): Fleet {
  const members = new Map<string, Member>();
  const crashes: string[] = [];
  mkdirSync(options.logDir, { recursive: true });
  let starts = 0;

  function member(name: string): Member {
    const found = members.get(name);
    if (!found) throw new Error(`no running worker ${name}`);
    return found;
  }

  async function signalAndWait(name: string, signal: NodeJS.Signals): Promise<void> {
    const target = member(name);
    target.expectedExit = true;
    target.child.kill('SIGCONT');
    target.child.kill(signal);
    const graceMs = options.graceMs ?? 40_000;
    const timer = setTimeout(() => {
      // SHUTDOWN_TIMEOUT_MS (30 s by default) bounds a graceful stop: past that it is a hang.
      if (signal === 'SIGTERM') crashes.push(`${name} did not exit within ${graceMs / 1000} s of SIGTERM (killed)`);
      target.child.kill('SIGKILL');
    }, graceMs);
    await target.exited;
    clearTimeout(timer);
  }

  async function whenConsuming(name: string, timeoutMs = 90_000): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), timeoutMs); });
    const target = member(name);
    const result = await Promise.race([target.consuming.then(() => true), target.exited.then(() => false), timedOut]);
    clearTimeout(timer);
    return result;
  }

  return {
    start(name) {
      if (members.has(name)) throw new Error(`worker ${name} is already running`);
      starts += 1;
      const log = createWriteStream(join(options.logDir, `${name}.log`), { flags: 'a' });
      log.write(`--- start ${starts} of ${name} at ${new Date().toISOString()}\n`);
      const child = spawn(options.launch.node, ['--import', 'tsx', 'src/cli/main.ts', 'worker'], {
        cwd: REPO_ROOT,
        // The instance id is kept across restarts, as the worker's help asks.
        env: { PATH: process.env.PATH ?? '', HTTP_PORT: '0', ...options.env, INSTANCE_ID: name },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      everyChild.add(child);
      child.stdout!.pipe(log, { end: false });
      child.stderr!.pipe(log, { end: false });
      let markConsuming: () => void = () => undefined;
      let tail = '';
      const entry: Member = {
        child, expectedExit: false, exited: Promise.resolve(), consuming: new Promise((resolve) => { markConsuming = resolve; }),
        tail: () => tail, waiters: [],
      };
      child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
        tail = (tail + chunk).slice(-4096);
        if (tail.includes(CONSUMING_MARK)) markConsuming();
        entry.waiters = entry.waiters.filter((waiter) => (tail.includes(waiter.mark) ? (waiter.resolve(), false) : true));
      });
      entry.exited = new Promise((resolve) => {
        child.once('exit', (code, signal) => {
          everyChild.delete(child);
          members.delete(name);
          if (!entry.expectedExit) crashes.push(`${name} exited by itself (code ${code}, signal ${signal})`);
          log.end(`--- exit ${code ?? signal}\n`);
          resolve();
        });
      });
      members.set(name, entry);
    },
    whenConsuming,
    async whenLogged(name, mark, timeoutMs = 90_000) {
      const target = member(name);
      if (target.tail().includes(mark)) return true;
      let timer: NodeJS.Timeout | undefined;
      const seen = new Promise<boolean>((resolve) => { target.waiters.push({ mark, resolve: () => resolve(true) }); });
      const timedOut = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), timeoutMs); });
      const result = await Promise.race([seen, target.exited.then(() => false), timedOut]);
      clearTimeout(timer);
      return result;
    },
    kill: (name) => signalAndWait(name, 'SIGKILL'),
    stop: (name) => signalAndWait(name, 'SIGTERM'),
    freeze: (name) => { member(name).child.kill('SIGSTOP'); },
    thaw: (name) => { member(name).child.kill('SIGCONT'); },
    running: () => [...members.keys()],
    crashes: () => [...crashes],
    async stopAll() {
      // A worker still starting is let finish first: stopping one during its start is a fault of
      // its own (scale-churn injects it on purpose), not part of clearing up.
      await Promise.all([...members.keys()].map(async (name) => {
        members.get(name)?.child.kill('SIGCONT');
        await whenConsuming(name, 60_000).catch(() => false);
        // It may have exited meanwhile (that is recorded as a crash already).
        if (members.has(name)) await signalAndWait(name, 'SIGTERM');
      }));
    },
  };
}
