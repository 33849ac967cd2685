// `produce` to the local broker, in-process (the work of the command without Node's start-up):
// the whole command (generate, encode, send with acks=all on the idempotent producer), and the
// send path alone over batches encoded beforehand. Goal (issue 6): ≥ 50,000 records/s.
import type { BenchEntry, BenchOutcome, BenchRunOptions } from '../benchEntry.js';
import { formatRate, median } from '../lib/measureRuns.js';
import type { StreamClient } from '../../src/kafka/streamClient.js';
import { createRegistryClient } from '../../src/registry/createRegistryClient.js';
import { generateEvents } from '../../src/tools/generate/generateEvents.js';
import { generatedBatches } from '../../src/tools/produce/eventBatches.js';
import { packGeneratedBatches } from '../../src/tools/produce/packBatch.js';
import { registerWriterSchemas } from '../../src/tools/produce/registerWriterSchemas.js';
import { ENCODE_THREADS, runProduce, sendEventBatches } from '../../src/tools/produce/runProduce.js';
import { benchStackEnv, createBenchStreamClient, NO_STACK } from '../lib/benchStackEnv.js';
import { integerLoopNs } from '../lib/machineReference.js';

const PARTITIONS = 3;
const RUNS = 3;
const RATIOS = { unknownEnum: 0.05, evolved: 0.05, poison: 0.01 };

async function newTopic(client: StreamClient, name: string): Promise<string> {
  const topic = `bench.produce.${name}.${Date.now().toString(36)}`;
  const admin = client.createAdmin();
  await admin.connect();
  try {
    await admin.createTopics([{ topic, partitions: PARTITIONS }, { topic: `${topic}.campaigns`, partitions: 1 }]);
  } finally {
    await admin.disconnect();
  }
  return topic;
}

export const entry: BenchEntry = {
  name: 'produce',
  title: '`produce` to the local broker',
  async run(options: BenchRunOptions): Promise<BenchOutcome> {
    const env = benchStackEnv();
    if (!env) return NO_STACK;
    const client = createBenchStreamClient(env, 'bench-produce');
    const registry = createRegistryClient({ url: env.SCHEMA_REGISTRY_URL });
    const count = options.quick ? 5_000 : 200_000;

    const reference = integerLoopNs();
    const whole: number[] = [];
    const sendOnly: number[] = [];
    const encodeOnly: number[] = [];
    for (let run = 0; run < (options.quick ? 1 : RUNS); run += 1) {
      const topic = await newTopic(client, `whole-${run}`);
      const summary = await runProduce({ client, registry }, {
        topic, campaignTopic: `${topic}.campaigns`, count, seed: `bench-${run}`, baseTime: Date.now(), ratios: RATIOS, campaigns: 10,
      });
      whole.push(summary.recordsPerSecond);

      const sendTopic = await newTopic(client, `send-${run}`);
      const codecs = await registerWriterSchemas(registry, sendTopic, { unknownEnum: true, evolved: true });
      const generate = { seed: `bench-${run}`, count, baseTime: Date.now(), campaigns: [], ratios: RATIOS };
      // What an encoding thread does, timed alone on this thread.
      const encodeStarted = performance.now();
      let packed = 0;
      for (const batch of packGeneratedBatches(generateEvents(generate), codecs, 4000)) packed += batch.offsets.length / 3;
      encodeOnly.push((packed * 1000) / (performance.now() - encodeStarted));
      const batches = [...generatedBatches(generateEvents(generate), codecs, sendTopic, 4000)];
      const sent = await sendEventBatches({ client, registry }, batches, undefined);
      sendOnly.push((sent.produced * 1000) / sent.elapsedMs);
    }
    const best = median(whole);
    return {
      status: 'ok',
      report: {
        headline: `produce writes ${formatRate(best)} records/s end to end (goal ≥ 50,000: ${best >= 50_000 ? 'met' : 'not met'}); the send path alone takes ${formatRate(median(sendOnly))} records/s.`,
        figures: [
          { label: `whole command: generate + encode + send, records/s (median of ${whole.length})`, value: formatRate(best) },
          { label: 'send path alone (batches encoded beforehand), records/s (median)', value: formatRate(median(sendOnly)) },
          { label: 'generate + encode alone, one thread, records/s (median)', value: formatRate(median(encodeOnly)) },
          { label: 'runs (whole / send)', value: `${whole.map(formatRate).join(', ')} / ${sendOnly.map(formatRate).join(', ')}` },
          { label: 'machine reference: bare integer loop (`sum += i & 7`), ns per iteration', value: reference.toFixed(2) },
        ],
        notes: [
          `${count.toLocaleString('en-US')} generated records per run (5 % unknown enum values, 5 % evolved writer, 1 % poison, 10 campaigns) to a ${PARTITIONS}-partition topic.`,
          'Idempotent producer, acks=all, no compression; batches of 4,000 records, up to 4 sends in flight (the adapter cuts each into requests under 512 KiB).',
          `From 20,000 records the command generates and encodes on worker threads (one per spare core, at most 3; ${ENCODE_THREADS} here) while the main thread sends, so the whole command runs at about the slower of "generate + encode" (per thread) and "send path" when the cores are free; on a 2-core machine the broker and registry (and whatever else runs) take their share of those cores.`,
          'Broker, registry and the generator share the machine\'s cores; other work on the machine (a test suite, say) lowers every figure. The machine reference lets figures taken on a busy or another machine be compared.',
        ],
      },
    };
  },
};
