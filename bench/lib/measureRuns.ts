// Throughput of one synchronous pass over a workload: warm-up passes first (the JIT needs a few
// to settle), then timed passes; the median is the figure, min and max show the noise.

export interface RunStats {
  /** Items per second of each timed pass, in run order. */
  rates: number[];
  median: number;
  min: number;
  max: number;
}

export interface MeasureOptions {
  items: number;
  warmups: number;
  runs: number;
  /** Untimed set-up before each pass (emptying caches, say). */
  beforeEach?: () => void;
  pass: () => void;
  /** 'cpu': the process's CPU time instead of wall time, for a machine shared with other work. */
  clock?: Clock;
}

export type Clock = 'wall' | 'cpu';

/** Nanoseconds since `started` on the clock: hrtime for wall, process.cpuUsage (user + system) for cpu. */
function startClock(clock: Clock): () => number {
  if (clock === 'cpu') {
    const started = process.cpuUsage();
    return () => { const used = process.cpuUsage(started); return (used.user + used.system) * 1000; };
  }
  const started = process.hrtime.bigint();
  return () => Number(process.hrtime.bigint() - started);
}

/** The middle value (the upper one of an even count); 0 for none. */
export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
}

export function measureRuns(options: MeasureOptions): RunStats {
  return measureRunsInterleaved([options])[0]!;
}

/**
 * Several workloads measured pass by pass in turn (a, b, a, b, …) rather than one after the
 * other: on a shared machine the load changes over minutes, and two figures that will be
 * compared (a ratio, a before/after) should see the same load.
 */
export function measureRunsInterleaved(workloads: readonly MeasureOptions[]): RunStats[] {
  const rounds = Math.max(0, ...workloads.map((w) => w.warmups));
  for (let i = 0; i < rounds; i++) {
    for (const w of workloads) {
      if (i >= w.warmups) continue;
      w.beforeEach?.();
      w.pass();
    }
  }
  const rates = workloads.map((): number[] => []);
  const runs = Math.max(0, ...workloads.map((w) => w.runs));
  for (let i = 0; i < runs; i++) {
    workloads.forEach((w, index) => {
      if (i >= w.runs) return;
      w.beforeEach?.();
      collectGarbage(); // start each pass with a settled heap, so runs are comparable
      const elapsed = startClock(w.clock ?? 'wall');
      w.pass();
      const seconds = elapsed() / 1e9;
      rates[index]!.push(w.items / seconds);
    });
  }
  return rates.map((list) => {
    const sorted = [...list].sort((a, b) => a - b);
    return { rates: list, median: median(list), min: sorted[0] ?? 0, max: sorted[sorted.length - 1] ?? 0 };
  });
}

/** Nanoseconds per item of one timed pass (for stage-by-stage breakdowns). */
export function timePass(items: number, pass: () => void, clock: Clock = 'wall'): number {
  const elapsed = startClock(clock);
  pass();
  return elapsed() / items;
}

/** gc() when the runner started Node with --expose-gc; a no-op otherwise. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export const formatRate = (perSecond: number): string => Math.round(perSecond).toLocaleString('en-US');
export const formatMiB = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
