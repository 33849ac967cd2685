// The start of every suite that runs systems side by side (throughput, latency, memory).
import { selectSystems } from './benchClient.js';
import type { BenchSystem } from './benchSystems.js';
import { ensureKstreamsJar, ensureWorkerBuilt } from './ensureBuilt.js';
import { unavailableReason } from './startSystem.js';

/**
 * What a suite runs, made ready: the worker and the Kafka Streams peer built, the systems the
 * BENCH_SYSTEMS override keeps, minus those that cannot run here (each with a note saying why).
 */
export function prepareSystems(systems: readonly BenchSystem[], log: (line: string) => void): { systems: BenchSystem[]; notes: string[] } {
  ensureWorkerBuilt(log);
  ensureKstreamsJar(log);
  const notes: string[] = [];
  const runnable = selectSystems(systems).filter((system) => {
    const reason = unavailableReason(system);
    if (reason !== undefined) notes.push(`${system.label}: not run, ${reason}.`);
    return reason === undefined;
  });
  return { systems: runnable, notes };
}
