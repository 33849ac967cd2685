import { StackError } from './errors.js';
import { findJava } from './java.js';
import { formatStorage, isFormatted } from './kafkaNodes.js';
import { acquireLock } from './lock.js';
import { say, seconds } from './log.js';
import { describeMode, parseMode, sameMode } from './mode.js';
import { stackPaths, type StackPaths } from './paths.js';
import { planStack } from './plan.js';
import { ensureFetched } from './fetch.js';
import { runningPid, spawnSpec, stopSpecProcess } from './processes.js';
import { isStackAnswering, waitUntilReady } from './readiness.js';
import { loadSecrets } from './secrets.js';
import { writeEnvFile } from './stackEnv.js';
import { readState, writeState, type ProcessSpec, type StackState } from './state.js';

export interface UpResult {
  env: Record<string, string>;
  /** Names of the processes this call started (empty: the stack was already running). */
  started: string[];
  state: StackState;
}

/** Starts the specs, waits until each answers; on a failure stops what it started and rethrows. */
export async function startSpecs(paths: StackPaths, state: StackState, specs: ProcessSpec[]): Promise<void> {
  const started: string[] = [];
  try {
    await Promise.all(
      specs.map(async (spec) => {
        const since = Date.now();
        const pid = spawnSpec(paths, spec);
        started.push(spec.name);
        const ports = Object.entries(spec.ports).map(([label, port]) => `${label} ${port}`).join(', ');
        say(`starting ${spec.name} (pid ${pid}; ${ports}; log ${spec.logFile})`);
        await waitUntilReady(spec, state, pid);
        say(`${spec.name} ready in ${seconds(since)}`);
      }),
    );
  } catch (error) {
    await Promise.all(started.map((name) => stopSpecProcess(paths, name, { timeoutMs: 10_000 })));
    throw error;
  }
}

function checkMode(state: StackState, requested: ReturnType<typeof parseMode>): void {
  if (requested.explicit && !sameMode(state.mode, requested.mode)) {
    throw new StackError(
      `a stack in another mode is running (${describeMode(state.mode)}); ` +
        `stop it with \`npm run stack:down\` before asking for ${describeMode(requested.mode)}`,
    );
  }
}

/** Starts the whole stack or whatever part of it is not running. Idempotent. */
export async function startStack(options: { dir?: string; env?: NodeJS.ProcessEnv } = {}): Promise<UpResult> {
  const env = options.env ?? process.env;
  const paths = stackPaths(options.dir);
  const requested = parseMode(env);
  const since = Date.now();
  const release = await acquireLock(paths);
  try {
    const previous = readState(paths);
    if (previous) {
      const missing = previous.processes.filter((spec) => runningPid(paths, spec.name) === undefined);
      if (missing.length < previous.processes.length) {
        checkMode(previous, requested);
        if (missing.length === 0 && (await isStackAnswering(previous))) {
          say(`already running (${describeMode(previous.mode)}) in ${paths.dir}`);
          writeEnvFile(paths, previous.env);
          return { env: previous.env, started: [], state: previous };
        }
        say(`restarting the stopped part of the stack: ${missing.map((spec) => spec.name).join(', ') || '(none)'}`);
        await startSpecs(paths, previous, missing);
        writeEnvFile(paths, previous.env);
        return { env: previous.env, started: missing.map((spec) => spec.name), state: previous };
      }
    }
    const mode = requested.explicit || !previous ? requested.mode : previous.mode;
    if (previous && isFormatted(paths, 'broker-1') && !sameMode(previous.mode, mode)) {
      throw new StackError(
        `${paths.data} holds a stack made for ${describeMode(previous.mode)}; ` +
          `wipe it with \`npm run stack:down -- --clean\` to start one with ${describeMode(mode)}`,
      );
    }
    const java = findJava(env);
    say(`Java ${java.major} (${java.java}); stack folder ${paths.dir}; ${describeMode(mode)}`);
    await ensureFetched(paths, java);
    const secrets = loadSecrets(paths);
    const state = await planStack({ paths, java, mode, previous, secrets, env });
    const brokers = state.processes.filter((spec) => spec.kind === 'broker');
    const unformatted = brokers.filter((spec) => !isFormatted(paths, spec.name));
    if (unformatted.length > 0) {
      const formatSince = Date.now();
      say(`formatting KRaft storage (cluster ${state.clusterId}) for ${unformatted.map((spec) => spec.name).join(', ')}`);
      const scram = mode.security === 'sasl_ssl' ? { username: secrets.saslUsername, password: secrets.saslPassword } : undefined;
      await Promise.all(
        unformatted.map((spec) => formatStorage({ paths, java, name: spec.name, clusterId: state.clusterId, scram })),
      );
      say(`formatted in ${seconds(formatSince)}`);
    }
    writeState(paths, state);
    await startSpecs(paths, state, state.processes);
    writeEnvFile(paths, state.env);
    say(`stack up in ${seconds(since)}; settings in ${paths.envFile}`);
    return { env: state.env, started: state.processes.map((spec) => spec.name), state };
  } finally {
    release();
  }
}
