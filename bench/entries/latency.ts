// Issue 12, suite 2: end-to-end latency at steady rates, the worker beside Kafka Streams, under
// both guarantees. From the input record's timestamp (set when the bench sent it) to its arrival
// at a read_committed consumer of the output. Each system runs once per round and goes through
// the rates in turn after a warm-up. BENCH_RATES, BENCH_SECONDS (per rate), BENCH_ROUNDS and
// BENCH_SYSTEMS override the defaults.
import type { BenchEntry, BenchOutcome, BenchRunOptions } from '../benchEntry.js';
import { connectBench, formatInt, log } from '../lib/benchClient.js';
import { LATENCY_SYSTEMS, QUICK_SYSTEMS, type BenchSystem } from '../lib/benchSystems.js';
import { benchStackEnv, NO_STACK } from '../lib/benchStackEnv.js';
import { describeVersions } from '../lib/describeVersions.js';
import { systemEnvFor } from '../lib/drainBacklog.js';
import { prepareSystems } from '../lib/prepareSystems.js';
import { integerLoopNs } from '../lib/machineReference.js';
import { createInputWriter, type BenchSetup } from '../lib/prepareBenchInput.js';
import { readCpuMicros, readLoadAverage } from '../lib/procStats.js';
import { startSystem } from '../lib/startSystem.js';
import { formatSpread, percentile, spreadOf } from '../lib/stats.js';
import { sendSteadily, waitCaughtUp } from '../lib/steadyLoad.js';
import { watchLatency } from '../lib/watchLatency.js';

interface RateRun {
  p50: number;
  p99: number;
  p999: number;
  samples: number;
  /** CPU of the system's process over the window, in % of one core. */
  cpuPercent: number;
  /** Records sent in the window; when fewer arrived within a minute after it, the system fell behind. */
  sent: number;
  /** sent ÷ the window: what the bench's producer achieved against the target rate. */
  sentPerSecond: number;
  keptUp: boolean;
}

const numbers = (text: string | undefined, fallback: number[]): number[] => (text ? text.split(',').map(Number) : fallback);

async function runSystem(setup: BenchSetup, system: BenchSystem, rates: number[], seconds: number, warmupSeconds: number): Promise<Map<number, RateRun>> {
  const writer = await createInputWriter(setup, { name: `latency-${system.id}`, poisonRatio: 0, seed: 'bench-latency' });
  const env = await systemEnvFor(setup, system, { inputTopic: writer.inputTopic, campaignTopic: writer.campaignTopic, records: 0, poison: 0 });
  const watch = watchLatency(setup.client, setup.env.SCHEMA_REGISTRY_URL, env.OUTPUT_TOPIC);
  const proc = startSystem(system, env);
  const alive = (): boolean => proc.exitCode() === null;
  const results = new Map<number, RateRun>();
  try {
    // Started, joined, campaigns read: a first few records make it through.
    await writer.write(100);
    await waitCaughtUp(setup, env.GROUP_ID, env.INPUT_TOPIC, 180_000, alive);
    // The reader's own group join must not count as latency: wait until it has the first records.
    const readerDeadline = performance.now() + 180_000;
    while (watch.samples.length === 0) {
      if (performance.now() > readerDeadline) throw new Error('the latency reader received nothing');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await writer.prepare(Math.ceil(rates[0]! * warmupSeconds * 1.1));
    await sendSteadily(writer, rates[0]!, warmupSeconds * 1000);
    // Windows start from a steady state: whatever the warm-up left (a cold JVM) is done first.
    await waitCaughtUp(setup, env.GROUP_ID, env.INPUT_TOPIC, 120_000, alive);
    for (const rate of rates) {
      // Every record of the window built beforehand (10 % spare): see InputWriter.prepare.
      await writer.prepare(Math.ceil(rate * seconds * 1.1));
      const cpuBefore = readCpuMicros(proc.pid) ?? 0;
      const windowStart = Date.now();
      const sent = await sendSteadily(writer, rate, seconds * 1000);
      const windowEnd = Date.now();
      const cpuMicros = (readCpuMicros(proc.pid) ?? 0) - cpuBefore;
      let keptUp = true;
      try {
        await waitCaughtUp(setup, env.GROUP_ID, env.INPUT_TOPIC, 60_000, alive);
        // Every record sent in the window gives one output record (no poison here): wait for the
        // reader to have them all, so a slow reader shows as latency, not as missing records.
        const readerDeadline = performance.now() + 60_000;
        while (watch.samples.filter((x) => x.sentAt >= windowStart && x.sentAt < windowEnd).length < sent && performance.now() < readerDeadline) {
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      } catch (error) {
        if (!alive()) throw error;
        keptUp = false; // still behind a minute after the window: the higher rates are not tried
      }
      const latencies = watch.samples.filter((s) => s.sentAt >= windowStart && s.sentAt < windowEnd).map((s) => s.latencyMs).sort((a, b) => a - b);
      results.set(rate, {
        p50: percentile(latencies, 50), p99: percentile(latencies, 99), p999: percentile(latencies, 99.9),
        samples: latencies.length, cpuPercent: (cpuMicros / ((windowEnd - windowStart) * 1000)) * 100, sent, keptUp,
        sentPerSecond: sent / ((windowEnd - windowStart) / 1000),
      });
      log(`    ${system.id} @ ${rate}/s: p50 ${percentile(latencies, 50)} ms, p90 ${percentile(latencies, 90)} ms, p99 ${percentile(latencies, 99)} ms, p99.9 ${percentile(latencies, 99.9)} ms (${latencies.length} of ${sent} arrived${keptUp ? '' : ', fell behind'})`);
      if (!keptUp) break;
    }
  } finally {
    await proc.stop();
    await watch.stop();
    await writer.close();
  }
  return results;
}

export const entry: BenchEntry = {
  name: 'latency',
  title: 'latency: input timestamp → read_committed consumer, steady rates',
  async run(options: BenchRunOptions): Promise<BenchOutcome> {
    const env = benchStackEnv();
    if (!env) return NO_STACK;
    const rates = options.quick ? [500] : numbers(process.env.BENCH_RATES, [1_000, 2_000, 5_000]);
    const seconds = options.quick ? 4 : Number(process.env.BENCH_SECONDS ?? 30);
    // A JVM on a busy 2-core machine needs tens of seconds before its code is compiled.
    const warmupSeconds = options.quick ? 1 : Number(process.env.BENCH_WARMUP_SECONDS ?? 30);
    const rounds = options.quick ? 1 : Number(process.env.BENCH_ROUNDS ?? 3);
    const { systems, notes } = prepareSystems(options.quick ? QUICK_SYSTEMS.latency : LATENCY_SYSTEMS, log);
    const referenceBefore = integerLoopNs();
    const loads: number[] = [];
    const runs = new Map<string, RateRun[]>();
    const failures: string[] = [];
    const setup = await connectBench(env, 'bench-latency');
    try {
      for (let round = 0; round < rounds; round++) {
        for (const system of round % 2 === 0 ? systems : [...systems].reverse()) {
          log(`  round ${round + 1}/${rounds}: ${system.id}`);
          loads.push(readLoadAverage());
          let results: Map<number, RateRun>;
          try {
            results = await runSystem(setup, system, rates, seconds, warmupSeconds);
          } catch (error) {
            const message = (error as Error).message.split('\n')[0]!.slice(0, 300);
            failures.push(`${system.label}, round ${round + 1}: failed: ${message}`);
            log(`    failed: ${message}`);
            continue;
          }
          for (const [rate, run] of results) {
            const key = `${system.id}@${rate}`;
            runs.set(key, [...(runs.get(key) ?? []), run]);
          }
        }
      }
    } finally {
      await setup.close();
    }
    const referenceAfter = integerLoopNs();
    const ms = (v: number): string => (Number.isNaN(v) ? 'n/a' : String(Math.round(v)));
    const rows = systems.flatMap((system) => rates.map((rate) => {
      const list = runs.get(`${system.id}@${rate}`) ?? [];
      const of = (pick: (r: RateRun) => number): string => formatSpread(spreadOf(list.map(pick)), ms);
      return [system.label, formatInt(rate), formatSpread(spreadOf(list.map((r) => r.sentPerSecond)), formatInt), of((r) => r.p50), of((r) => r.p99), of((r) => r.p999),
        formatSpread(spreadOf(list.map((r) => r.cpuPercent)), (v) => v.toFixed(0)),
        `${formatInt(list.reduce((a, r) => a + r.samples, 0))} of ${formatInt(list.reduce((a, r) => a + r.sent, 0))}`,
        list.length === 0 ? 'not run' : list.every((r) => r.keptUp) ? 'yes' : `no, in ${list.filter((r) => !r.keptUp).length} of ${list.length} rounds`];
    }));
    const p99 = (id: string, rate: number): string => ms(spreadOf((runs.get(`${id}@${rate}`) ?? []).map((r) => r.p99)).median);
    const top = rates[rates.length - 1]!;
    return {
      status: 'ok',
      report: {
        headline: `At ${formatInt(top)} records/s the worker's p99 is ${p99('worker-alos', top)} ms at least once and ${p99('worker-eos', top)} ms exactly once; Kafka Streams' ${p99('kstreams-alos', top)} ms and ${p99('kstreams-eos', top)} ms.`,
        figures: [
          { label: 'load average at each system start (min–max)', value: formatSpread(spreadOf(loads), (v) => v.toFixed(2)) },
          { label: 'machine reference: bare integer loop, ns per iteration (before / after)', value: `${referenceBefore.toFixed(2)} / ${referenceAfter.toFixed(2)}` },
        ],
        tables: [{
          caption: `Latency in ms, median over ${rounds} round${rounds === 1 ? '' : 's'} (min–max in brackets); CPU is the system's process in % of one core over the window.`,
          columns: ['system', 'target records/s', 'sent records/s', 'p50 ms', 'p99 ms', 'p99.9 ms', 'CPU %', 'records arrived of sent', 'kept up'],
          rows,
        }],
        notes: [
          describeVersions('latency', options.quick),
          `Each system starts on a fresh input topic (2 partitions, the lifecycle mix without poison), reads its first records, gets ${warmupSeconds} s of warm-up at ${formatInt(rates[0]!)}/s and works off what is left of it, then ${seconds} s at each rate in turn; only records sent within a rate's window count for it, and the reader waits until every one of them has arrived.`,
          'Latency: the input record\'s timestamp (CreateTime, taken by the bench\'s producer when it sent the record) to the moment a read_committed KafkaJS consumer in the bench process receives the enriched record; both ends use the same clock. The reader\'s own fetch wait (up to 500 ms when idle) and the bench process\'s share of the CPU are part of every figure, for every system alike.',
          'How often exactly-once commits: the worker has no knob. It commits one transaction per fetched partition batch, so under a steady rate a transaction covers what arrived during the previous one (its fetch wait is KafkaJS\'s maxWaitTime, 500 ms, only when idle). Kafka Streams commits every commit.interval.ms (100 ms by default under exactly_once_v2); the row with 1,000 ms shows that knob\'s trade-off: fewer transactions (less CPU and broker work per record) for a latency of up to the interval.',
          'Kept up: the group had committed everything within a minute after the window; a system that fell behind at a rate is not tried at the higher ones, and its figures cover only what arrived.',
          `Noise: one 2-core VM shared by the broker, the registry, the system under test, the bench's producer and reader, and other work; p99.9 of a ${seconds} s window at ${formatInt(rates[0]!)}/s rests on the slowest ${formatInt(Math.ceil((seconds * rates[0]!) / 1000))} records.`,
          ...failures,
          ...notes,
        ],
      },
    };
  },
};
