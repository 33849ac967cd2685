// The worker under test, run in-process (createWorker, as the CLI composes it) or as a user runs
// it (a child process of the CLI), with its HTTP face, and ways to stop it inside a batch.
import { spawn, type ChildProcess } from 'node:child_process';
import { Writable } from 'node:stream';
import pino from 'pino';
import type { Config } from '../../src/config/config.js';
import { parseConfig } from '../../src/config/parseConfig.js';
import { createStreamClientFromConfig } from '../../src/kafka/createStreamClientFromConfig.js';
import type { StreamClient } from '../../src/kafka/streamClient.js';
import { createMetrics, type Metrics } from '../../src/observability/createMetrics.js';
import { createRegistryClient } from '../../src/registry/createRegistryClient.js';
import { createWorker, type Worker, type WorkerTuning } from '../../src/worker/createWorker.js';
import { livenessTimings } from '../../src/worker/livenessTimings.js';
import { waitFor } from '../helpers/waitFor.js';
import { REPO_ROOT } from './workerHarness.js';

export interface InProcessWorker {
  worker: Worker;
  config: Config;
  metrics: Metrics;
  /** Its log lines at info and above, parsed. */
  logs: Array<Record<string, unknown>>;
  stop(): Promise<void>;
}

/** The worker composed as the CLI composes it, in this process (metrics and readiness readable). */
export async function startInProcess(
  env: Record<string, string>,
  tuning: Partial<WorkerTuning> = {},
  /** Wraps the real Kafka client (to inject a fault into one call, as a test of the failure path). */
  wrapClient: (client: StreamClient) => StreamClient = (client) => client,
): Promise<InProcessWorker> {
  const config = parseConfig(env);
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const logger = pino({ level: 'info' }, sink);
  const metrics = createMetrics({ defaultMetrics: false });
  const registry = createRegistryClient({ ...config.registry, timeoutMs: livenessTimings(config.sessionTimeoutMs).registryTimeoutMs, logger });
  const client = wrapClient(createStreamClientFromConfig(config.kafka, logger));
  const worker = createWorker({ config, logger, registry, metrics, client, tuning: { probeIntervalMs: 500, ...tuning } });
  await worker.start();
  await waitFor(() => worker.readiness().ready, { message: () => `worker ready (${worker.readiness().reasons.join('; ')})` });
  return { worker, config, metrics, logs, stop: () => worker.stop() };
}

export interface SpawnedWorker {
  child: ChildProcess;
  /** Every stdout line (pino JSON) so far, parsed. */
  logs: Array<Record<string, unknown>>;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The HTTP port it logged. */
  httpPort(): Promise<number>;
}

const spawned = new Set<ChildProcess>();
// A failed assertion must not leave a worker running after the test file: it would keep a
// consumer group, a transactional id and CPU busy for everyone else.
process.once('exit', () => { for (const child of spawned) child.kill('SIGKILL'); });

/** SIGKILLs every spawned worker still running (call from afterAll/afterEach). */
export async function killSpawnedWorkers(): Promise<void> {
  await Promise.all([...spawned].map((child) => {
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    return gone;
  }));
}

/** A command line that starts the worker (the documented launchers: launchers.ts). */
export interface WorkerCommand {
  command: string;
  args: string[];
  cwd?: string;
  /** Its own process group (a terminal's foreground job), so the group can be signalled. */
  detached?: boolean;
}

const FROM_SOURCE: WorkerCommand = { command: process.execPath, args: ['--import', 'tsx', 'src/cli/main.ts', 'worker'] };

/** The worker as a user runs it: `node --import tsx src/cli/main.ts worker` (or `launcher`) with env. */
export function spawnWorker(env: Record<string, string>, launcher: WorkerCommand = FROM_SOURCE): SpawnedWorker {
  const child = spawn(launcher.command, launcher.args, {
    cwd: launcher.cwd ?? REPO_ROOT,
    detached: launcher.detached ?? false,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  spawned.add(child);
  child.once('exit', () => spawned.delete(child));
  const logs: Array<Record<string, unknown>> = [];
  let stdoutRest = '';
  let stderrText = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (stdoutRest + chunk).split('\n');
    stdoutRest = lines.pop() ?? '';
    for (const line of lines) {
      if (line.trim() === '') continue;
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        logs.push({ msg: line, unparsed: true });
      }
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { stderrText += chunk; });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return {
    child,
    logs,
    stderr: () => stderrText,
    exited,
    async httpPort() {
      const line = await waitFor(() => logs.find((l) => typeof l.port === 'number'), {
        timeoutMs: 30_000,
        message: () => `the worker's HTTP port in its log (stderr: ${stderrText.slice(-500)})`,
      });
      return line.port as number;
    },
  };
}

/** GET a path of the worker's HTTP server; status and text. */
export async function httpGet(port: number, path: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: response.status, text: await response.text() };
}

/** Waits until a spawned worker answers /readyz with 200. */
export async function waitUntilReady(worker: SpawnedWorker, timeoutMs = 60_000): Promise<number> {
  const port = await worker.httpPort();
  await waitFor(async () => (await httpGet(port, '/readyz')).status === 200, {
    timeoutMs,
    intervalMs: 200,
    message: () => `worker ready (stderr: ${worker.stderr().slice(-500)})`,
  });
  return port;
}

/** One sample of a Prometheus text exposition, e.g. metricValue(text, 'x_total', { reason: 'magic_byte' }). */
export function metricValue(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const match = /^([a-zA-Z_:][\w:]*)(\{([^}]*)\})?\s+(\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[3] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[4]);
  }
  return undefined;
}

/**
 * Freezes a worker (SIGSTOP) at a moment `inFlight` holds: frozen whenever `suspect` says it may
 * be mid-batch, `inFlight` is judged on the frozen state, and it is let go on (SIGCONT) to try
 * again when it does not hold. The caller then signals it; remember to SIGCONT after a SIGTERM.
 * Resolves with the number of freezes it took.
 */
export async function freezeInsideBatch(worker: SpawnedWorker, suspect: () => boolean, inFlight: () => Promise<boolean>): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    await waitFor(suspect, { timeoutMs: 60_000, intervalMs: 2, message: () => `a batch that may be in flight (after ${attempt} attempts that missed)` });
    worker.child.kill('SIGSTOP');
    if (await inFlight()) return attempt + 1;
    worker.child.kill('SIGCONT');
    // Let it run a random 1–30 ms before the next freeze. Frozen again at once, a fast worker was
    // often not scheduled in between, so every attempt judged the same state and all 50 could
    // miss (CI, 2026-11-29); random run times put the freezes at random points of its batches.
    await new Promise((resolve) => setTimeout(resolve, 1 + Math.floor(Math.random() * 30)));
  }
  throw new Error('never caught the worker inside a batch');
}

/** SIGKILLs a worker frozen inside a batch: the kill lands inside a batch, not between two. */
export async function killInsideBatch(worker: SpawnedWorker, suspect: () => boolean, inFlight: () => Promise<boolean>): Promise<void> {
  await freezeInsideBatch(worker, suspect, inFlight);
  worker.child.kill('SIGKILL');
  await worker.exited;
}
