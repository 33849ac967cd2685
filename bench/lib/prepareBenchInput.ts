// The input every system of a suite drains: records of the core benchmark's lifecycle mix (plus
// poison for the DLQ) on a 2-partition topic, framed with the ids the registry gives, and the
// campaigns on a compacted topic. Built in chunks of their own seed, so a million records never
// sit in memory at once.
import { projectSchemas } from '../../src/schemas/avroSchemas.js';
import { createRegistryClient } from '../../src/registry/createRegistryClient.js';
import { deriveWriterSchemas } from '../../src/tools/generate/deriveWriterSchemas.js';
import { encodeWire } from '../../src/pipeline/encodeWire.js';
import type { OutputRecord } from '../../src/pipeline/types.js';
import type { StreamAdmin, StreamClient } from '../../src/kafka/streamClient.js';
import { buildCallbackMix } from './buildCallbackMix.js';
import type { BenchStackEnv } from './benchStackEnv.js';

export const BENCH_PARTITIONS = 2;
const CHUNK_RECORDS = 50_000;
const SEND_BATCH = 5_000;
const OUTPUT_RETENTION_MS = 30 * 60_000;

export interface BenchSetup {
  env: BenchStackEnv;
  client: StreamClient;
  admin: StreamAdmin;
}

export interface BenchInput {
  inputTopic: string;
  campaignTopic: string;
  records: number;
  /** Records every system must dead-letter. */
  poison: number;
}

export interface InputOptions {
  /** Part of the topic names: bench.<name>-<time>.raw. */
  name: string;
  records: number;
  poisonRatio: number;
  seed: string;
}

export const uniqueSuffix = (name: string): string => `${name}-${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;

/** Writes records of the mix to a fresh input topic, chunk by chunk, campaigns first. */
export interface InputWriter {
  inputTopic: string;
  campaignTopic: string;
  /** Sends the next `count` records (acks=all); resolves with how many of them are poison. */
  write(count: number): Promise<number>;
  /**
   * Builds records until at least `count` are waiting. Building a chunk of the mix blocks this
   * process for most of a second; a latency window must not contain one, or every record in
   * flight meanwhile (and the backlog the sender then catches up) counts the bench's own stall.
   */
  prepare(count: number): Promise<void>;
  close(): Promise<void>;
}

export async function createInputWriter(setup: BenchSetup, options: Omit<InputOptions, 'records'>): Promise<InputWriter> {
  const suffix = uniqueSuffix(options.name);
  const inputTopic = `bench.${suffix}.raw`;
  const campaignTopic = `bench.${suffix}.campaigns`;
  await setup.admin.createTopics([
    { topic: inputTopic, partitions: BENCH_PARTITIONS },
    { topic: campaignTopic, partitions: 1, config: { 'cleanup.policy': 'compact' } },
  ]);
  const registry = createRegistryClient({ url: setup.env.SCHEMA_REGISTRY_URL });
  const writers = deriveWriterSchemas(projectSchemas().schemas.callback);
  // The mix frames records with ids 1–3; they are re-framed with the ids the registry gives.
  const realIds = new Map([
    [1, await registry.registerSchema(`${inputTopic}-value`, writers.canonical)],
    [2, await registry.registerSchema(`${inputTopic}-unknown-enum`, writers.unknownEnum)],
    [3, await registry.registerSchema(`${inputTopic}-evolved`, writers.evolved)],
  ]);
  const campaignId = await registry.registerSchema(`${campaignTopic}-value`, projectSchemas().schemas.campaign);
  const campaignType = projectSchemas().types.campaign;
  const producer = setup.client.createProducer();
  await producer.connect();

  let chunk = 0;
  let pending: Array<{ record: OutputRecord; poison: boolean }> = [];
  let next = 0; // the first record of `pending` not yet sent
  // The next chunk of the mix; its campaigns go out before any of its records.
  async function refill(): Promise<void> {
    const mix = buildCallbackMix({
      seed: `${options.seed}/${chunk++}`, records: CHUNK_RECORDS, lifecycle: true,
      concurrentConversations: 500, unknownEnumRatio: 0.05, evolvedRatio: 0.05, poisonRatio: options.poisonRatio,
    });
    await producer.send([...mix.campaigns.values()].map((c) => ({
      topic: campaignTopic, key: Buffer.from(c.id), value: encodeWire(campaignId, campaignType.toBuffer(c)), headers: [],
    })));
    const built = mix.records.map(({ input, payload, kind }) => ({
      record: { topic: inputTopic, key: input.key, value: reframe(input.value!, payload, realIds), headers: [] },
      poison: kind === 'poison',
    }));
    pending = [...pending.slice(next), ...built];
    next = 0;
  }
  await refill();
  return {
    inputTopic, campaignTopic,
    async write(count) {
      let poison = 0;
      for (let left = count; left > 0;) {
        if (next === pending.length) await refill();
        const take = pending.slice(next, next + Math.min(left, SEND_BATCH));
        next += take.length;
        await producer.send(take.map((item) => item.record));
        poison += take.filter((item) => item.poison).length;
        left -= take.length;
      }
      return poison;
    },
    async prepare(count) {
      while (pending.length - next < count) await refill();
    },
    close: () => producer.disconnect(),
  };
}

export async function prepareBenchInput(setup: BenchSetup, options: InputOptions): Promise<BenchInput> {
  const writer = await createInputWriter(setup, options);
  try {
    const poison = await writer.write(options.records);
    return { inputTopic: writer.inputTopic, campaignTopic: writer.campaignTopic, records: options.records, poison };
  } finally {
    await writer.close();
  }
}

/** A value framed with a mix id gets the registry's id; poison (no header, an unknown id) stays as it is. */
function reframe(value: Buffer, payload: Buffer, realIds: ReadonlyMap<number, number>): Buffer {
  const realId = value.length >= 5 && value[0] === 0 ? realIds.get(value.readUInt32BE(1)) : undefined;
  return realId === undefined ? value : encodeWire(realId, payload);
}

/** A fresh output and DLQ topic for one system's run. */
export async function createOutputTopics(admin: StreamAdmin, name: string): Promise<{ output: string; dlq: string }> {
  const suffix = uniqueSuffix(name);
  const topics = { output: `bench.${suffix}.enriched`, dlq: `bench.${suffix}.dlq` };
  // A system's output is read within minutes of its run; kept for good, the outputs of a
  // 1,000,000-record suite (about 1.3 GB per system and round) filled the local broker's disk.
  const config = { 'retention.ms': String(OUTPUT_RETENTION_MS) };
  await admin.createTopics([{ topic: topics.output, partitions: BENCH_PARTITIONS, config }, { topic: topics.dlq, partitions: 1, config }]);
  return topics;
}
