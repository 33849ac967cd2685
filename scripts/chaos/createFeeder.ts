// Valid records for the scenarios, from the project's generator, written at a steady rate while
// faults go on (the project's producer adapter, so KAFKA_CLIENT applies to it as to the worker).
import avro from 'avsc';
import pino from 'pino';
import { parseConfig } from '../../src/config/parseConfig.js';
import { createStreamClientFromConfig } from '../../src/kafka/createStreamClientFromConfig.js';
import type { Producer } from '../../src/kafka/streamClient.js';
import type { OutputRecord } from '../../src/pipeline/types.js';
import { createRegistryClient } from '../../src/registry/createRegistryClient.js';
import { encodeEvent, type WriterCodecs } from '../../src/tools/generate/encodeEvent.js';
import { generateEvents, type EventRatios } from '../../src/tools/generate/generateEvents.js';
import { deriveWriterSchemas } from '../../src/tools/generate/deriveWriterSchemas.js';
import { registerWriterSchemas } from '../../src/tools/produce/registerWriterSchemas.js';
import { valueSubject } from '../../src/kafka/topics.js';
import { projectSchemas } from '../../src/schemas/avroSchemas.js';

export interface FeedOptions {
  count: number;
  perSecond: number;
  seed: string;
  ratios?: EventRatios;
}

export interface Feed {
  /** Resolves with the number written once all are acknowledged. */
  done: Promise<number>;
  written(): number;
}

export interface Feeder {
  /** Registers the writer schemas under `<topic>-value` (canonical, and the evolved one if asked). */
  register(options: { evolved: boolean }): Promise<WriterCodecs>;
  /**
   * Registers a writer schema no worker can have cached: the evolved writer plus an optional
   * field named after `tag` (new content, so a new schema id), as the `evolved` codec.
   */
  registerFresh(codecs: WriterCodecs, tag: string): Promise<WriterCodecs>;
  /** Starts writing; the codecs must hold every kind the ratios ask for. */
  feed(codecs: WriterCodecs, options: FeedOptions): Feed;
  /** A few valid wire values (for the fuzz cases to mutate). */
  sample(codecs: WriterCodecs, count: number, seed: string): Buffer[];
  /** Records acknowledged so far, over every feed of this feeder. */
  acknowledged(): number;
  close(): Promise<void>;
}

const TICK_MS = 100;
const SEND_GIVE_UP_MS = 120_000;
const CANONICAL: EventRatios = { unknownEnum: 0, evolved: 0, poison: 0 };
const silent = pino({ level: 'silent' });

export async function createFeeder(env: Record<string, string>, topic: string, onProblem: (line: string) => void): Promise<Feeder> {
  const config = parseConfig({ ...env, INPUT_TOPIC: topic });
  const client = createStreamClientFromConfig(config.kafka, silent, 'chaos-feeder');
  const registry = createRegistryClient({ url: config.registry.url, ...(config.registry.auth ? { auth: config.registry.auth } : {}), logger: silent });
  const producers: Producer[] = [];
  let acknowledged = 0;
  const events = (codecs: WriterCodecs, options: FeedOptions) =>
    generateEvents({ seed: options.seed, count: options.count, baseTime: Date.now(), campaigns: [], ratios: options.ratios ?? CANONICAL });

  return {
    register: ({ evolved }) => registerWriterSchemas(registry, topic, { unknownEnum: false, evolved }),
    async registerFresh(codecs, tag) {
      const { evolved } = deriveWriterSchemas(projectSchemas().schemas.callback);
      const schema = { ...evolved, fields: [...evolved.fields, { name: `chaos_${tag.replace(/\W/g, '_')}`, type: ['null', 'string'], default: null }] };
      const schemaId = await registry.registerSchema(valueSubject(topic), schema);
      return { ...codecs, evolved: { schemaId, type: avro.Type.forSchema(schema as avro.Schema) } };
    },
    sample(codecs, count, seed) {
      return [...events(codecs, { count, perSecond: 0, seed })].map((event) => encodeEvent(event, codecs));
    },
    feed(codecs, options) {
      let producer = client.createProducer();
      producers.push(producer);
      let written = 0;
      const perTick = Math.max(1, Math.round((options.perSecond * TICK_MS) / 1000));
      /**
       * The feed is the test's input, not the thing under test: a send that fails (a connection
       * timeout on a starved machine, KafkaJS's idempotent producer answering "out of order
       * sequence number" after a leader moved) is sent again from a new producer. A batch written
       * twice is only more input: the books count what the input topic holds.
       */
      const send = async (batch: OutputRecord[]): Promise<void> => {
        const deadline = Date.now() + SEND_GIVE_UP_MS;
        for (;;) {
          try {
            await producer.send(batch);
            return;
          } catch (error) {
            if (Date.now() > deadline) throw error;
            onProblem(`feed send failed, retrying with a new producer: ${(error as Error).message}`);
            await producer.disconnect().catch(() => undefined);
            producer = client.createProducer();
            producers.push(producer);
            await new Promise((resolve) => setTimeout(resolve, 500));
            await producer.connect().catch(() => undefined);
          }
        }
      };
      const done = (async () => {
        await producer.connect();
        const source = events(codecs, options);
        const started = Date.now();
        let tick = 0;
        for (;;) {
          const batch: OutputRecord[] = [];
          for (let i = 0; i < perTick; i += 1) {
            const next = source.next();
            if (next.done) break;
            batch.push({ topic, key: Buffer.from(next.value.key), value: encodeEvent(next.value, codecs), headers: [] });
          }
          if (batch.length === 0) break;
          await send(batch);
          written += batch.length;
          acknowledged += batch.length;
          tick += 1;
          const wait = started + tick * TICK_MS - Date.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        }
        return written;
      })();
      return { done, written: () => written };
    },
    acknowledged: () => acknowledged,
    async close() {
      await Promise.all(producers.map((producer) => producer.disconnect().catch(() => undefined)));
    },
  };
}
