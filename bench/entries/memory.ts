// Issue 12, suite 3: memory. Peak RSS of each system draining a large backlog (1,000,000 records
// by default), and, opt-in (BENCH_LONG=1; BENCH_LONG_MINUTES, default 10), RSS sampled across a
// steady run at 2,000 records/s to show growth. BENCH_RECORDS and BENCH_SYSTEMS override;
// BENCH_LONG_SYSTEMS (ids, comma-separated) limits the steady run to some of the systems.
import type { BenchEntry, BenchOutcome, BenchRunOptions } from '../benchEntry.js';
import { connectBench, formatInt, formatMiBValue, log } from '../lib/benchClient.js';
import { MEMORY_SYSTEMS, QUICK_SYSTEMS, type BenchSystem } from '../lib/benchSystems.js';
import { benchStackEnv, NO_STACK } from '../lib/benchStackEnv.js';
import { describeVersions } from '../lib/describeVersions.js';
import { drainBacklog, systemEnvFor } from '../lib/drainBacklog.js';
import { prepareSystems } from '../lib/prepareSystems.js';
import { createInputWriter, prepareBenchInput, type BenchSetup } from '../lib/prepareBenchInput.js';
import { readLoadAverage, readMemory } from '../lib/procStats.js';
import { startSystem } from '../lib/startSystem.js';
import { sendSteadily, waitCaughtUp } from '../lib/steadyLoad.js';

const STEADY_RATE = 2_000;
const SAMPLE_EVERY_MS = 10_000;

interface SteadyRun {
  /** RSS at the end of the first and of the last minute, and the largest. */
  firstMinute: number;
  lastMinute: number;
  peak: number;
  samples: number;
}

/** A steady run with RSS sampled every 10 s; growth = last minute's RSS − first minute's. */
async function runSteady(setup: BenchSetup, system: BenchSystem, minutes: number): Promise<SteadyRun> {
  const writer = await createInputWriter(setup, { name: `memory-${system.id}`, poisonRatio: 0.01, seed: 'bench-memory-steady' });
  const env = await systemEnvFor(setup, system, { inputTopic: writer.inputTopic, campaignTopic: writer.campaignTopic, records: 0, poison: 0 });
  const proc = startSystem(system, env);
  const rss: number[] = [];
  const sampler = setInterval(() => rss.push(readMemory(proc.pid)?.rss ?? 0), SAMPLE_EVERY_MS);
  try {
    await writer.write(100);
    await waitCaughtUp(setup, env.GROUP_ID, env.INPUT_TOPIC, 180_000, () => proc.exitCode() === null);
    rss.length = 0; // growth is measured from the steady state, not from the start-up
    await sendSteadily(writer, STEADY_RATE, minutes * 60_000);
  } finally {
    clearInterval(sampler);
    await proc.stop();
    await writer.close();
  }
  const perMinute = 60_000 / SAMPLE_EVERY_MS;
  return { firstMinute: rss[Math.min(perMinute, rss.length) - 1] ?? 0, lastMinute: rss[rss.length - 1] ?? 0, peak: Math.max(0, ...rss), samples: rss.length };
}

/** The systems of the steady run: BENCH_LONG_SYSTEMS, else all (ten minutes each adds up). */
function steadySystems(systems: BenchSystem[]): BenchSystem[] {
  const wanted = process.env.BENCH_LONG_SYSTEMS?.split(',').map((id) => id.trim()).filter(Boolean);
  return wanted && wanted.length > 0 ? systems.filter((s) => wanted.includes(s.id)) : systems;
}

export const entry: BenchEntry = {
  name: 'memory',
  title: 'memory: peak RSS draining a large backlog, growth in a steady run',
  async run(options: BenchRunOptions): Promise<BenchOutcome> {
    const env = benchStackEnv();
    if (!env) return NO_STACK;
    const records = options.quick ? 3_000 : Number(process.env.BENCH_RECORDS ?? 1_000_000);
    const long = process.env.BENCH_LONG === '1';
    const minutes = options.quick ? 0.5 : Number(process.env.BENCH_LONG_MINUTES ?? 10);
    const { systems, notes } = prepareSystems(options.quick ? QUICK_SYSTEMS.memory : MEMORY_SYSTEMS, log);
    const setup = await connectBench(env, 'bench-memory');
    const rows: string[][] = [];
    const steadyRows: string[][] = [];
    try {
      log(`  preloading ${formatInt(records)} records`);
      const input = await prepareBenchInput(setup, { name: 'memory', records, poisonRatio: 0.01, seed: 'bench-memory' });
      for (const system of systems) {
        log(`  draining: ${system.id}`);
        const result = await drainBacklog(setup, system, input, 60 * 60_000);
        rows.push([system.label, formatMiBValue(result.peakRssBytes), formatInt(records / result.seconds), result.loadAtStart.toFixed(2)]);
        log(`    peak RSS ${formatMiBValue(result.peakRssBytes)} MiB`);
      }
      if (long) {
        for (const system of steadySystems(systems)) {
          log(`  steady ${minutes} min at ${STEADY_RATE}/s: ${system.id}`);
          const load = readLoadAverage();
          const run = await runSteady(setup, system, minutes);
          steadyRows.push([system.label, formatMiBValue(run.firstMinute), formatMiBValue(run.lastMinute), formatMiBValue(run.lastMinute - run.firstMinute), formatMiBValue(run.peak), String(run.samples), load.toFixed(2)]);
          log(`    RSS ${formatMiBValue(run.firstMinute)} → ${formatMiBValue(run.lastMinute)} MiB`);
        }
      }
    } finally {
      await setup.close();
    }
    const tables = [{
      caption: `Peak RSS (VmHWM) of each process draining ${formatInt(records)} records from its start to the last commit; one run each.`,
      columns: ['system', 'peak RSS MiB', 'records/s (from start)', 'load average at start'],
      rows,
    }];
    if (long) {
      tables.push({
        caption: `RSS sampled every ${SAMPLE_EVERY_MS / 1000} s across ${minutes} min at ${formatInt(STEADY_RATE)} records/s (after start-up and the first records); growth = last sample − sample at the end of the first minute.`,
        columns: ['system', 'RSS after 1 min MiB', 'RSS at the end MiB', 'growth MiB', 'peak MiB', 'samples', 'load average at start'],
        rows: steadyRows,
      });
    }
    const worker = rows[0]?.[1];
    const peer = rows.find((row) => row[0]!.startsWith('Kafka Streams'))?.[1];
    return {
      status: 'ok',
      report: {
        headline: `Draining ${formatInt(records)} records the worker peaks at ${worker ?? 'n/a'} MiB RSS, Kafka Streams at ${peer ?? 'n/a'} MiB (JVM default heap).`,
        figures: [],
        tables,
        notes: [
          describeVersions('memory', options.quick),
          'RSS is read from /proc/<pid>/status of the process alone (VmHWM for the peak, VmRSS for samples). Unless a row names its flags (NODE_OPTIONS, -Xmx), the JVM runs with its default heap sizing (a quarter of the RAM as the maximum) and the worker on Node\'s defaults (V8 also sizes its heap from the RAM it sees), so RSS says as much about each collector\'s policy as about what the app needs. docs/memory.md has what the worker\'s RSS is made of.',
          long ? 'The steady run is the long, opt-in part (BENCH_LONG=1).' : 'The 10-minute steady run is opt-in (BENCH_LONG=1, BENCH_LONG_MINUTES to change its length) and was not part of this run.',
          ...notes,
        ],
      },
    };
  },
};
