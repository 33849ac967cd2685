// Shared set-up of the worker's integration tests: a fresh set of topics, Avro input in the
// Confluent wire format, the worker run in-process (createWorker) or as a user runs it (a child
// process of the CLI), and readers of what it wrote. Everything talks to the real local stack.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import avro from 'avsc';
import type { IHeaders } from 'kafkajs';
import pino from 'pino';
import { parseConfig } from '../../src/config/parseConfig.js';
import { createMetrics, type Metrics } from '../../src/observability/createMetrics.js';
import { encodeWire } from '../../src/pipeline/encodeWire.js';
import { createRegistryClient } from '../../src/registry/createRegistryClient.js';
import { projectSchemas } from '../../src/schemas/avroSchemas.js';
import type { CampaignReference, EnrichedConversationCallback } from '../../src/model/types.js';
import { createWorker, type Worker, type WorkerTuning } from '../../src/worker/createWorker.js';
import { createTopics } from '../helpers/createTopics.js';
import type { ReadMessage } from '../helpers/readUntil.js';
import { createKafka, registryFetch, stackEnv } from '../helpers/stack.js';
import { uniqueName } from '../helpers/uniqueName.js';
import { waitFor } from '../helpers/waitFor.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface WorkerTopics {
  input: string;
  output: string;
  dlq: string;
  campaign: string;
  routes: string[];
}

/** Fresh topics for one test: input with `partitions`, the rest with one (campaigns compacted). */
export async function createWorkerTopics(prefix: string, options: { partitions?: number; routes?: number } = {}): Promise<WorkerTopics> {
  const topics: WorkerTopics = {
    input: uniqueName(`${prefix}.raw`),
    output: uniqueName(`${prefix}.enriched`),
    dlq: uniqueName(`${prefix}.dlq`),
    campaign: uniqueName(`${prefix}.campaigns`),
    routes: Array.from({ length: options.routes ?? 0 }, (_, i) => uniqueName(`${prefix}.route${i}`)),
  };
  await createTopics([
    { topic: topics.input, numPartitions: options.partitions ?? 1 },
    topics.output,
    topics.dlq,
    { topic: topics.campaign, numPartitions: 1, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] },
    ...topics.routes,
  ]);
  return topics;
}

/** Registers a schema under a subject through the registry's Confluent API; returns its id. */
export async function registerSchema(subject: string, schema: object): Promise<number> {
  const response = await registryFetch(`/subjects/${encodeURIComponent(subject)}/versions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ schema: JSON.stringify(schema) }),
  });
  if (!response.ok) throw new Error(`register ${subject}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: number }).id;
}

export interface AvroWriter {
  schemaId: number;
  encode(record: Record<string, unknown>): Buffer;
}

/**
 * A writer schema registered under `subject`, encoding records in the wire format. Writers that
 * are not compatible with each other (enums as strings vs enums) get subjects of their own:
 * the worker resolves ids, whatever subject they came from.
 */
export async function avroWriter(subject: string, schema: object): Promise<AvroWriter> {
  const schemaId = await registerSchema(subject, schema);
  const type = avro.Type.forSchema(schema as avro.Schema);
  return { schemaId, encode: (record) => encodeWire(schemaId, type.toBuffer(record)) };
}

/** A canonical callback record (every field null) with the given fields set. */
export function callbackRecord(fields: Record<string, unknown>): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const field of projectSchemas().schemas.callback.fields) record[field.name] = null;
  return { ...record, ...fields };
}

export interface TestMessage {
  key: string | null;
  value: Buffer | null;
  headers?: Record<string, string>;
  partition?: number;
}

export async function produce(topic: string, messages: TestMessage[]): Promise<void> {
  const producer = createKafka('test-producer').producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    await producer.send({
      topic,
      acks: -1,
      messages: messages.map((m) => ({
        key: m.key, value: m.value, ...(m.headers ? { headers: m.headers } : {}), ...(m.partition === undefined ? {} : { partition: m.partition }),
      })),
    });
  } finally {
    await producer.disconnect();
  }
}

export async function produceCampaigns(topic: string, campaigns: Array<{ id: string; campaign: CampaignReference | null }>): Promise<void> {
  const writer = await avroWriter(`${topic}-value`, projectSchemas().schemas.campaign);
  await produce(topic, campaigns.map(({ id, campaign }) => ({ key: id, value: campaign ? writer.encode({ ...campaign }) : null })));
}

export function campaign(id: string, fields: Partial<CampaignReference> = {}): CampaignReference {
  return { id, name: `Campaign ${id}`, divisionId: null, timeZone: 'Europe/Berlin', contactListId: null, dialingMode: null, updatedAt: null, ...fields };
}

const enrichedType = (): avro.Type => projectSchemas().types.enriched;

export function decodeEnriched(value: Buffer | null): EnrichedConversationCallback {
  if (!value) throw new Error('enriched value is null');
  return enrichedType().fromBuffer(value.subarray(5)) as EnrichedConversationCallback;
}

export function headerText(headers: IHeaders, name: string): string | undefined {
  const value = headers[name];
  const last = Array.isArray(value) ? value[value.length - 1] : value;
  return last === undefined ? undefined : last.toString();
}

/** The env a user sets to run the worker on these topics against the test stack. */
export function workerEnv(topics: WorkerTopics, extra: Record<string, string> = {}): Record<string, string> {
  const env = stackEnv();
  return {
    KAFKA_BROKERS: env.KAFKA_BROKERS!,
    SCHEMA_REGISTRY_URL: env.SCHEMA_REGISTRY_URL!,
    INPUT_TOPIC: topics.input,
    OUTPUT_TOPIC: topics.output,
    DLQ_TOPIC: topics.dlq,
    CAMPAIGN_TOPIC: topics.campaign,
    GROUP_ID: uniqueName('worker-group'),
    INSTANCE_ID: uniqueName('worker'),
    HTTP_PORT: '0',
    LOG_LEVEL: 'info',
    ...extra,
  };
}

export interface InProcessWorker {
  worker: Worker;
  metrics: Metrics;
  /** Its log lines at warn and above, parsed. */
  logs: Array<Record<string, unknown>>;
  stop(): Promise<void>;
}

/** The worker composed as the CLI composes it, in this process (metrics and readiness readable). */
export async function startInProcess(env: Record<string, string>, tuning: Partial<WorkerTuning> = {}): Promise<InProcessWorker> {
  const config = parseConfig(env);
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const logger = pino({ level: 'info' }, sink);
  const metrics = createMetrics({ defaultMetrics: false });
  const registry = createRegistryClient({ ...config.registry, logger });
  const worker = createWorker({ config, logger, registry, metrics, tuning: { probeIntervalMs: 500, ...tuning } });
  await worker.start();
  await waitFor(() => worker.readiness().ready, { message: () => `worker ready (${worker.readiness().reasons.join('; ')})` });
  return { worker, metrics, logs, stop: () => worker.stop() };
}

export interface SpawnedWorker {
  child: ChildProcess;
  /** Every stdout line (pino JSON) so far, parsed. */
  logs: Array<Record<string, unknown>>;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The HTTP port it logged. */
  httpPort(): Promise<number>;
}

const spawned = new Set<ChildProcess>();
// A failed assertion must not leave a worker running after the test file: it would keep a
// consumer group, a transactional id and CPU busy for everyone else.
process.once('exit', () => { for (const child of spawned) child.kill('SIGKILL'); });

/** SIGKILLs every spawned worker still running (call from afterAll/afterEach). */
export async function killSpawnedWorkers(): Promise<void> {
  await Promise.all([...spawned].map((child) => {
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    return gone;
  }));
}

/** The worker as a user runs it: `node --import tsx src/cli/main.ts worker` with env. */
export function spawnWorker(env: Record<string, string>): SpawnedWorker {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'worker'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  spawned.add(child);
  child.once('exit', () => spawned.delete(child));
  const logs: Array<Record<string, unknown>> = [];
  let stdoutRest = '';
  let stderrText = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (stdoutRest + chunk).split('\n');
    stdoutRest = lines.pop() ?? '';
    for (const line of lines) {
      if (line.trim() === '') continue;
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        logs.push({ msg: line, unparsed: true });
      }
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { stderrText += chunk; });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return {
    child,
    logs,
    stderr: () => stderrText,
    exited,
    async httpPort() {
      const line = await waitFor(() => logs.find((l) => typeof l.port === 'number'), {
        timeoutMs: 30_000,
        message: () => `the worker's HTTP port in its log (stderr: ${stderrText.slice(-500)})`,
      });
      return line.port as number;
    },
  };
}

export interface Collector {
  messages: ReadMessage[];
  on(topic: string): ReadMessage[];
  stop(): Promise<void>;
}

/** A consumer (read_committed unless told) that keeps every record of `topics` from the beginning. */
export async function collect(topics: string[], options: { readCommitted?: boolean } = {}): Promise<Collector> {
  const consumer = createKafka('test-collector').consumer({
    groupId: uniqueName('test-collector'), maxWaitTimeInMs: 100, readUncommitted: options.readCommitted === false,
  });
  const messages: ReadMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch }) => {
      for (const message of batch.messages) {
        messages.push({
          topic: batch.topic, partition: batch.partition, offset: message.offset, timestamp: message.timestamp,
          key: message.key, value: message.value, headers: message.headers ?? {},
        });
      }
    },
  });
  return { messages, on: (topic) => messages.filter((m) => m.topic === topic), stop: () => consumer.disconnect() };
}

/** GET a path of the worker's HTTP server; status and text. */
export async function httpGet(port: number, path: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: response.status, text: await response.text() };
}

/** Waits until a spawned worker answers /readyz with 200. */
export async function waitUntilReady(worker: SpawnedWorker, timeoutMs = 60_000): Promise<number> {
  const port = await worker.httpPort();
  await waitFor(async () => (await httpGet(port, '/readyz')).status === 200, {
    timeoutMs,
    intervalMs: 200,
    message: () => `worker ready (stderr: ${worker.stderr().slice(-500)})`,
  });
  return port;
}

/** One sample of a Prometheus text exposition, e.g. metricValue(text, 'x_total', { reason: 'magic_byte' }). */
export function metricValue(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const match = /^([a-zA-Z_:][\w:]*)(\{([^}]*)\})?\s+(\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[3] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[4]);
  }
  return undefined;
}

/**
 * Produces `total` records in small batches while a worker runs, so a kill lands mid-stream.
 * Resolves when all are acknowledged.
 */
export async function produceSteadily(topic: string, total: number, make: (i: number) => TestMessage, options: { batch?: number; pauseMs?: number } = {}): Promise<void> {
  const { batch = 100, pauseMs = 25 } = options;
  const producer = createKafka('test-steady-producer').producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    for (let start = 0; start < total; start += batch) {
      const messages = Array.from({ length: Math.min(batch, total - start) }, (_, j) => make(start + j));
      await producer.send({ topic, acks: -1, messages: messages.map((m) => ({ key: m.key, value: m.value })) });
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  } finally {
    await producer.disconnect();
  }
}

/** The group's committed offsets on a topic, and the topic's high watermarks, per partition. */
export async function groupPosition(groupId: string, topic: string): Promise<{ committed: Map<number, string>; high: Map<number, string>; state: string }> {
  const admin = createKafka('test-admin').admin();
  await admin.connect();
  try {
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const watermarks = await admin.fetchTopicOffsets(topic);
    const { groups } = await admin.describeGroups([groupId]);
    return {
      committed: new Map((offsets?.partitions ?? []).map((p) => [p.partition, p.offset])),
      high: new Map(watermarks.map((w) => [w.partition, w.high])),
      state: groups[0]?.state ?? 'Unknown',
    };
  } finally {
    await admin.disconnect();
  }
}

/**
 * Freezes a worker (SIGSTOP) at a moment `inFlight` holds: frozen whenever `suspect` says it may
 * be mid-batch, `inFlight` is judged on the frozen state, and it is let go on (SIGCONT) to try
 * again when it does not hold. The caller then signals it; remember to SIGCONT after a SIGTERM.
 */
export async function freezeInsideBatch(worker: SpawnedWorker, suspect: () => boolean, inFlight: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    await waitFor(suspect, { timeoutMs: 60_000, intervalMs: 2, message: 'a batch that may be in flight' });
    worker.child.kill('SIGSTOP');
    if (await inFlight()) return;
    worker.child.kill('SIGCONT');
  }
  throw new Error('never caught the worker inside a batch');
}

/** SIGKILLs a worker frozen inside a batch: the kill lands inside a batch, not between two. */
export async function killInsideBatch(worker: SpawnedWorker, suspect: () => boolean, inFlight: () => Promise<boolean>): Promise<void> {
  await freezeInsideBatch(worker, suspect, inFlight);
  worker.child.kill('SIGKILL');
  await worker.exited;
}

/** Records whose offsets the group committed on a topic (offsets start at 0 on fresh topics). */
export async function committedRecords(groupId: string, topic: string): Promise<number> {
  const { committed } = await groupPosition(groupId, topic);
  return [...committed.values()].reduce((sum, offset) => sum + Math.max(0, Number(offset)), 0);
}

export interface TcpProxy {
  /** host:port of the proxy. */
  address: string;
  /** Refuses new connections and cuts the open ones: to a client, the target is down. */
  close(): Promise<void>;
  /** Accepts again, on the same port. */
  open(): Promise<void>;
}

/**
 * A TCP relay to `target` (host:port) that a test can switch off and on. Used to take the schema
 * registry away from one worker without stopping the registry every other test file shares.
 */
export async function startTcpProxy(target: string): Promise<TcpProxy> {
  const [host, port] = [target.slice(0, target.lastIndexOf(':')), Number(target.slice(target.lastIndexOf(':') + 1))];
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let listenPort = 0;
  const open = () => new Promise<void>((resolve, reject) => {
    server = createServer((client) => {
      const upstream = connect(port, host);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => { client.destroy(); upstream.destroy(); });
      }
      client.pipe(upstream).pipe(client);
    });
    server.once('error', reject);
    server.listen(listenPort, '127.0.0.1', () => {
      listenPort = (server!.address() as { port: number }).port;
      resolve();
    });
  });
  await open();
  return {
    address: `127.0.0.1:${listenPort}`,
    async close() {
      const closing = new Promise<void>((resolve) => server!.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closing;
    },
    open,
  };
}
