// One system drains one backlog: started fresh, timed from its process start until its group's
// committed offsets reach the input's high watermarks, and from the first output record. CPU and
// peak RSS come from /proc (the process alone), the broker's CPU over the same span too.
import type { BenchSystem } from './benchSystems.js';
import { brokerPid } from './brokerPid.js';
import { caughtUp, hasRecords } from './groupProgress.js';
import { createOutputTopics, type BenchInput, type BenchSetup, uniqueSuffix } from './prepareBenchInput.js';
import { readCpuMicros, readLoadAverage, readMemory } from './procStats.js';
import { startSystem, type SystemEnv } from './startSystem.js';

export interface DrainResult {
  system: BenchSystem;
  env: SystemEnv;
  /** Process start → all committed. */
  seconds: number;
  /** First output record → all committed. */
  secondsFromFirstOutput: number;
  cpuMicros: number;
  peakRssBytes: number;
  brokerCpuMicros: number | undefined;
  loadAtStart: number;
}

const POLL_MS = 100;

export async function systemEnvFor(setup: BenchSetup, system: BenchSystem, input: BenchInput): Promise<SystemEnv> {
  const { output, dlq } = await createOutputTopics(setup.admin, system.id);
  const group = `bench.${uniqueSuffix(system.id)}`;
  return {
    KAFKA_BROKERS: setup.env.KAFKA_BROKERS, SCHEMA_REGISTRY_URL: setup.env.SCHEMA_REGISTRY_URL,
    INPUT_TOPIC: input.inputTopic, OUTPUT_TOPIC: output, DLQ_TOPIC: dlq, CAMPAIGN_TOPIC: input.campaignTopic,
    GROUP_ID: group, INSTANCE_ID: group.replace(/\./g, '-'),
  };
}

export async function drainBacklog(setup: BenchSetup, system: BenchSystem, input: BenchInput, timeoutMs: number): Promise<DrainResult> {
  const env = await systemEnvFor(setup, system, input);
  const broker = brokerPid();
  const brokerCpuBefore = broker === undefined ? undefined : readCpuMicros(broker);
  const loadAtStart = readLoadAverage();
  const started = performance.now();
  const proc = startSystem(system, env);
  try {
    let firstOutputAt: number | undefined;
    let peakRssBytes = 0;
    for (;;) {
      if (proc.exitCode() !== null) throw new Error(`${system.id} exited with ${proc.exitCode()}: ${proc.tail()}`);
      if (performance.now() - started > timeoutMs) throw new Error(`${system.id} did not drain within ${timeoutMs / 1000} s: ${proc.tail()}`);
      peakRssBytes = Math.max(peakRssBytes, readMemory(proc.pid)?.peakRss ?? 0);
      if (firstOutputAt === undefined && (await hasRecords(setup.admin, env.OUTPUT_TOPIC))) firstOutputAt = performance.now();
      if (await caughtUp(setup.admin, env.GROUP_ID, env.INPUT_TOPIC)) break;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    const ended = performance.now();
    const cpuMicros = readCpuMicros(proc.pid) ?? 0;
    peakRssBytes = Math.max(peakRssBytes, readMemory(proc.pid)?.peakRss ?? 0);
    const brokerCpuAfter = broker === undefined ? undefined : readCpuMicros(broker);
    return {
      system, env, seconds: (ended - started) / 1000, secondsFromFirstOutput: (ended - (firstOutputAt ?? started)) / 1000,
      cpuMicros, peakRssBytes, loadAtStart,
      brokerCpuMicros: brokerCpuBefore !== undefined && brokerCpuAfter !== undefined ? brokerCpuAfter - brokerCpuBefore : undefined,
    };
  } finally {
    await proc.stop();
  }
}
