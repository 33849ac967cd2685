// Issue 12, suite 1: the worker beside the ceiling of its Kafka client (a raw passthrough) and a
// Kafka Streams app doing the same job. One backlog (the lifecycle mix plus 1 % poison on a
// 2-partition topic) is drained by every system in turn, each into fresh output topics and a
// fresh group, over several rounds in rotation so no system always runs first or last.
// BENCH_RECORDS, BENCH_ROUNDS and BENCH_SYSTEMS (ids, comma-separated) override the defaults.
import type { BenchEntry, BenchOutcome, BenchRunOptions } from '../benchEntry.js';
import { connectBench, formatInt, formatMiBValue, log } from '../lib/benchClient.js';
import { THROUGHPUT_SYSTEMS, QUICK_SYSTEMS, type BenchSystem } from '../lib/benchSystems.js';
import { benchStackEnv, NO_STACK } from '../lib/benchStackEnv.js';
import { compareEnriched, type Projection } from '../lib/compareEnriched.js';
import { describeVersions } from '../lib/describeVersions.js';
import { drainBacklog, type DrainResult } from '../lib/drainBacklog.js';
import { prepareSystems } from '../lib/prepareSystems.js';
import { integerLoopNs } from '../lib/machineReference.js';
import { BENCH_PARTITIONS, prepareBenchInput, type BenchInput, type BenchSetup } from '../lib/prepareBenchInput.js';
import { readDeadLetters, readOutput } from '../lib/readOutput.js';
import { formatSpread, spreadOf } from '../lib/stats.js';
import { describeComparison } from '../lib/describeComparison.js';

const POISON_RATIO = 0.01;
const DRAIN_TIMEOUT_MS = 20 * 60_000;

interface Run {
  result: DrainResult;
  /** Problems found in the output; empty = counts right, no duplicates. */
  problems: string[];
  dlqReasons?: Map<string, number>;
}

async function verify(setup: BenchSetup, run: DrainResult, input: BenchInput, project: boolean): Promise<{ problems: string[]; projections?: Map<string, Projection>; dlqReasons?: Map<string, number> }> {
  const enriched = run.system.kind !== 'passthrough';
  const output = await readOutput(setup.client, setup.env.SCHEMA_REGISTRY_URL, run.env.OUTPUT_TOPIC, { decode: enriched, project });
  const expected = enriched ? input.records - input.poison : input.records;
  const problems: string[] = [];
  if (output.records !== expected) problems.push(`${output.records} output records, expected ${expected}`);
  if (output.duplicates > 0) problems.push(`${output.duplicates} duplicate eventIds`);
  if (output.undecodable > 0) problems.push(`${output.undecodable} undecodable output records`);
  if (!enriched) return { problems };
  const dlqReasons = await readDeadLetters(setup.client, run.env.DLQ_TOPIC);
  const dead = [...dlqReasons.values()].reduce((a, b) => a + b, 0);
  if (dead !== input.poison) problems.push(`${dead} dead letters, expected ${input.poison}`);
  return { problems, projections: output.projections, dlqReasons };
}

/** Round r starts at system r: over the rounds each system runs early and late. */
function rotate<T>(items: readonly T[], round: number): T[] {
  const k = round % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

function rowOf(system: BenchSystem, runs: Run[], records: number, brokerShown: boolean): string[] {
  const rates = spreadOf(runs.map((r) => records / r.result.seconds));
  const fromFirst = spreadOf(runs.map((r) => records / r.result.secondsFromFirstOutput));
  const cpu = spreadOf(runs.map((r) => r.result.cpuMicros / records));
  const rss = spreadOf(runs.map((r) => r.result.peakRssBytes));
  const broker = spreadOf(runs.flatMap((r) => (r.result.brokerCpuMicros === undefined ? [] : [r.result.brokerCpuMicros / records])));
  const problems = runs.flatMap((r) => r.problems);
  return [
    system.label,
    formatSpread(rates, formatInt),
    formatSpread(fromFirst, formatInt),
    formatSpread(cpu, (v) => v.toFixed(1)),
    formatSpread(rss, formatMiBValue),
    brokerShown ? formatSpread(broker, (v) => v.toFixed(1)) : 'n/a',
    runs.map((r) => r.result.loadAtStart.toFixed(2)).join(', '),
    problems.length === 0 ? 'ok' : problems.join('; '),
  ];
}

/** The worker and the peer whose outputs are compared record by record, under each guarantee. */
const COMPARED_PAIRS = [['worker-alos', 'kstreams-alos'], ['worker-eos', 'kstreams-eos']] as const;

export const entry: BenchEntry = {
  name: 'throughput',
  title: 'throughput: the worker beside its client\'s ceiling and Kafka Streams',
  async run(options: BenchRunOptions): Promise<BenchOutcome> {
    const env = benchStackEnv();
    if (!env) return NO_STACK;
    const records = options.quick ? 3_000 : Number(process.env.BENCH_RECORDS ?? 300_000);
    const rounds = options.quick ? 1 : Number(process.env.BENCH_ROUNDS ?? 3);
    const { systems, notes } = prepareSystems(options.quick ? QUICK_SYSTEMS.throughput : THROUGHPUT_SYSTEMS, log);
    const referenceBefore = integerLoopNs();
    const setup = await connectBench(env, 'bench-throughput');
    const runs = new Map<string, Run[]>(systems.map((s) => [s.id, []]));
    const comparisons: string[] = [];
    const failures: string[] = [];
    try {
      log(`  preloading ${records.toLocaleString('en-US')} records`);
      const input = await prepareBenchInput(setup, { name: 'throughput', records, poisonRatio: POISON_RATIO, seed: 'bench-throughput' });
      for (let round = 0; round < rounds; round++) {
        const projections = new Map<string, Map<string, Projection>>();
        for (const system of rotate(systems, round)) {
          log(`  round ${round + 1}/${rounds}: ${system.id}`);
          let result: DrainResult;
          try {
            result = await drainBacklog(setup, system, input, DRAIN_TIMEOUT_MS);
          } catch (error) {
            // One system failing (a peer that cannot start here) leaves the others' figures.
            const message = (error as Error).message.split('\n')[0]!.slice(0, 300);
            failures.push(`${system.label}, round ${round + 1}: failed: ${message}`);
            log(`    failed: ${message}`);
            continue;
          }
          // Field-by-field comparison once (round 1), worker against peer under each guarantee.
          // Only the compared systems keep their projections: a million records each, and the
          // bench process ran out of heap holding six of them.
          const project = round === 0 && COMPARED_PAIRS.some((pair) => (pair as readonly string[]).includes(system.id));
          const checked = await verify(setup, result, input, project);
          if (checked.projections) projections.set(system.id, checked.projections);
          runs.get(system.id)!.push({ result, problems: checked.problems, dlqReasons: checked.dlqReasons });
          log(`    ${formatInt(records / result.seconds)} records/s from start (${result.seconds.toFixed(1)} s, first output after ${(result.seconds - result.secondsFromFirstOutput).toFixed(1)} s), ${checked.problems.length === 0 ? 'verified' : checked.problems.join('; ')}`);
        }
        for (const [worker, peer] of COMPARED_PAIRS) {
          const left = projections.get(worker);
          const right = projections.get(peer);
          if (!left || !right) continue;
          comparisons.push(describeComparison(worker, peer, compareEnriched(left, right)));
          log(`    ${comparisons[comparisons.length - 1]}`);
        }
      }
    } finally {
      await setup.close();
    }
    const referenceAfter = integerLoopNs();

    const median = (id: string): number | undefined => {
      const list = runs.get(id);
      return list && list.length > 0 ? spreadOf(list.map((r) => records / r.result.seconds)).median : undefined;
    };
    const ratio = (a: string, b: string): string => {
      const x = median(a);
      const y = median(b);
      return x !== undefined && y !== undefined ? `${(x / y).toFixed(2)}` : 'n/a';
    };
    const brokerShown = [...runs.values()].some((list) => list.some((r) => r.result.brokerCpuMicros !== undefined));
    const dlq = runs.get('worker-alos')?.[0]?.dlqReasons;
    return {
      status: 'ok',
      report: {
        headline: `Draining ${formatInt(records)} records: the worker runs at ${ratio('worker-alos', 'pass-kafkajs-alos')} × its client's passthrough and ${ratio('worker-alos', 'kstreams-alos')} × Kafka Streams at least once; ${ratio('worker-eos', 'pass-kafkajs-eos')} × and ${ratio('worker-eos', 'kstreams-eos')} × exactly once.`,
        figures: [
          { label: 'worker ÷ passthrough (KafkaJS), at_least_once, records/s (medians)', value: ratio('worker-alos', 'pass-kafkajs-alos') },
          { label: 'worker ÷ passthrough (KafkaJS, transactional), exactly_once', value: ratio('worker-eos', 'pass-kafkajs-eos') },
          { label: 'worker ÷ Kafka Streams, at_least_once', value: ratio('worker-alos', 'kstreams-alos') },
          { label: 'worker ÷ Kafka Streams, exactly_once(_v2)', value: ratio('worker-eos', 'kstreams-eos') },
          { label: 'worker on @platformatic/kafka ÷ its passthrough, at_least_once', value: ratio('worker-plat-alos', 'pass-plat-alos') },
          { label: 'worker on @platformatic/kafka ÷ worker on KafkaJS, at_least_once / exactly_once', value: `${ratio('worker-plat-alos', 'worker-alos')} / ${ratio('worker-plat-eos', 'worker-eos')}` },
          { label: 'PIPELINE_THREADS=2: worker ÷ passthrough (KafkaJS), at_least_once / ÷ its PIPELINE_THREADS=0 self', value: `${ratio('worker-alos-t2', 'pass-kafkajs-alos')} / ${ratio('worker-alos-t2', 'worker-alos')}` },
          { label: 'PIPELINE_THREADS=2: worker ÷ Kafka Streams, at_least_once', value: ratio('worker-alos-t2', 'kstreams-alos') },
          { label: 'PIPELINE_THREADS=2: worker on @platformatic/kafka ÷ its passthrough, at_least_once / ÷ its PIPELINE_THREADS=0 self', value: `${ratio('worker-plat-alos-t2', 'pass-plat-alos')} / ${ratio('worker-plat-alos-t2', 'worker-plat-alos')}` },
          { label: 'Kafka Streams: 512 KiB ÷ default 16 KiB producer batches, at_least_once', value: ratio('kstreams-alos', 'kstreams-alos-16k') },
          { label: 'machine reference: bare integer loop, ns per iteration (before / after)', value: `${referenceBefore.toFixed(2)} / ${referenceAfter.toFixed(2)}` },
        ],
        tables: [{
          caption: `Median of ${rounds} run${rounds === 1 ? '' : 's'} per system (min–max in brackets); the load average is the machine's 1-minute figure at each start.`,
          columns: ['system', 'records/s from process start', 'records/s from first output', 'CPU µs/record', 'peak RSS MiB', 'broker CPU µs/record', 'load average at starts', 'output check'],
          rows: systems.map((system) => rowOf(system, runs.get(system.id)!, records, brokerShown)),
        }],
        notes: [
          describeVersions('throughput', options.quick),
          `${formatInt(records)} records (N) of the core benchmark's lifecycle mix (5 % unknown enum values, 5 % evolved writer, ${POISON_RATIO * 100} % poison: MAGIC_BYTE, UNKNOWN_SCHEMA, DECODE_ERROR), preloaded once on a ${BENCH_PARTITIONS}-partition topic, drained by each system in turn over ${rounds} round${rounds === 1 ? '' : 's'} (order rotated per round), each into a fresh output and DLQ topic and a fresh group.`,
          'Timed from the process start (JVM or Node start-up, group join, the campaign table read included) until the group\'s committed offsets reach the input\'s high watermarks; "from first output" starts when the output topic first holds a record. CPU is utime + stime of the process alone (/proc/<pid>/stat), peak RSS its VmHWM; the broker\'s CPU over the same span is per record too.',
          'The worker starts as a user starts it: `node bin/callback-enricher.js worker` (the compiled CLI `npx callback-enricher` runs). The passthroughs consume in fetch batches and send the same bytes to the same partition with the worker\'s producer settings (idempotent, acks=all, the same retries), committing once per batch (in a transaction per batch for exactly-once): the ceiling of any worker on that client. Kafka Streams (bench/peers/kstreams, one stream thread, commit.interval.ms 100 for both guarantees, linger.ms 5) decodes, maps, enriches, joins the campaigns from a GlobalKTable and dead-letters as the worker does.',
          `Output check: every run's output is read back by a read_committed consumer: N − poison enriched records with distinct eventIds and the poison in the DLQ (passthrough: N records).${dlq ? ` Dead letters by reason (worker, round 1): ${[...dlq].map(([k, v]) => `${k} ${v}`).join(', ')}.` : ''}`,
          ...comparisons,
          ...failures,
          'Noise: one 2-core VM shared by the broker, the registry, the system under test and other work (the load averages above show how busy it was); the machine reference loop before and after shows how much CPU a single thread got. Ratios from the same run are the figures to read; absolute rates move with the load.',
          ...notes,
        ],
      },
    };
  },
};
