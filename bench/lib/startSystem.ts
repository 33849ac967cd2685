// Starts one bench system as its own process, as its users start it: the worker through its bin
// (`node bin/callback-enricher.js worker`, what `npx callback-enricher worker` runs, without npx,
// which would not pass SIGTERM on), a passthrough through its entry, the peer with `java -jar`.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import type { BenchSystem } from './benchSystems.js';
import { KSTREAMS_JAR, ROOT } from './ensureBuilt.js';

export interface SystemEnv {
  KAFKA_BROKERS: string;
  SCHEMA_REGISTRY_URL: string;
  INPUT_TOPIC: string;
  OUTPUT_TOPIC: string;
  DLQ_TOPIC: string;
  CAMPAIGN_TOPIC: string;
  GROUP_ID: string;
  INSTANCE_ID: string;
}

export interface SystemProcess {
  pid: number;
  /** Set once the process has exited (the bench then fails the run). */
  exitCode(): number | null;
  /** The last lines it wrote, for an error message. */
  tail(): string;
  stop(): Promise<void>;
}

let node22: string | null | undefined;

/** A Node 22 binary (`npx -p node@22`), or null when none can be had here. */
export function resolveNode22(): string | null {
  if (node22 !== undefined) return node22;
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  if (major > 22 || (major === 22 && minor >= 22)) return (node22 = process.execPath);
  try {
    node22 = execFileSync('npx', ['-y', '-p', 'node@22', 'node', '-p', 'process.execPath'], { encoding: 'utf8', timeout: 300_000 }).trim();
  } catch {
    node22 = null;
  }
  return node22;
}

/** Why a system cannot run here, or undefined. */
export function unavailableReason(system: BenchSystem): string | undefined {
  if (system.node === '22' && resolveNode22() === null) return `needs Node >= 22.22 (running ${process.version}) and \`npx -p node@22\` failed`;
  return undefined;
}

function commandOf(system: BenchSystem): [string, string[]] {
  const node = system.node === '22' ? resolveNode22()! : process.execPath;
  switch (system.kind) {
    case 'worker': return [node, [join(ROOT, 'bin', 'callback-enricher.js'), 'worker']];
    case 'passthrough': return [node, ['--import', 'tsx', join(ROOT, 'bench', 'peers', 'passthrough', 'main.ts'), system.client ?? 'kafkajs']];
    case 'kstreams': return ['java', ['-Dorg.slf4j.simpleLogger.defaultLogLevel=warn', '-jar', KSTREAMS_JAR]];
  }
}

export function startSystem(system: BenchSystem, env: SystemEnv): SystemProcess {
  const [command, args] = commandOf(system);
  const child: ChildProcess = spawn(command, args, {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env, ...system.env,
      PROCESSING_GUARANTEE: system.guarantee, HTTP_PORT: '0', LOG_LEVEL: process.env.BENCH_SYSTEM_LOG_LEVEL ?? 'warn',
      // KafkaJS is the default: only another client is named (older workers know no KAFKA_CLIENT).
      ...(system.kind === 'worker' && system.client !== undefined && system.client !== 'kafkajs' ? { KAFKA_CLIENT: system.client } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keepTail = (chunk: Buffer): void => { tail = (tail + chunk.toString('utf8')).slice(-4000); };
  child.stdout?.on('data', keepTail);
  child.stderr?.on('data', keepTail);
  // BENCH_SYSTEM_LOG_DIR keeps each system's whole output (with BENCH_SYSTEM_LOG_LEVEL=debug, the
  // worker's per-batch and per-transaction traces), one file per system and start.
  const logDir = process.env.BENCH_SYSTEM_LOG_DIR;
  if (logDir) {
    const file = createWriteStream(join(logDir, `${system.id}-${Date.now()}.log`));
    child.stdout?.pipe(file);
    child.stderr?.pipe(file);
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (child.pid === undefined) throw new Error(`could not start ${command}`);
  return {
    pid: child.pid,
    exitCode: () => child.exitCode,
    tail: () => tail,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
