// The systems the suites put side by side, as data: adding one (the worker on another client, a
// producer setting of the peer) is one line. Each runs as its own process, started the way its
// users start it, configured by the same environment variables.

export type Guarantee = 'at_least_once' | 'exactly_once';

export interface BenchSystem {
  /** Short and stable: used in topic names and table rows. */
  id: string;
  kind: 'worker' | 'passthrough' | 'kstreams';
  guarantee: Guarantee;
  /** The Kafka client (worker: KAFKA_CLIENT; passthrough: its file in bench/peers/passthrough/). */
  client?: 'kafkajs' | 'platformatic';
  /** Extra environment: the peer's producer batch size and linger, its commit interval. */
  env?: Record<string, string>;
  /** The Node line it needs (@platformatic/kafka 2.x needs >= 22.22); default: the running Node. */
  node?: '22';
  /** What the row says about it. */
  label: string;
}

/** Kafka Streams with a producer batch comparable to the worker's: it sends a fetched batch in requests of up to 512 KiB. */
const KSTREAMS_WORKER_LIKE = { BATCH_SIZE: String(512 * 1024), LINGER_MS: '5' };
const KSTREAMS_DEFAULT_BATCH = { BATCH_SIZE: String(16 * 1024), LINGER_MS: '5' };
/** The pure pipeline on two worker threads, the client on the main thread (the second core). */
const TWO_PIPELINE_THREADS = { PIPELINE_THREADS: '2' };

export const THROUGHPUT_SYSTEMS: readonly BenchSystem[] = [
  { id: 'worker-alos', kind: 'worker', guarantee: 'at_least_once', client: 'kafkajs', label: 'worker (KafkaJS), at_least_once' },
  { id: 'worker-eos', kind: 'worker', guarantee: 'exactly_once', client: 'kafkajs', label: 'worker (KafkaJS), exactly_once' },
  { id: 'worker-plat-alos', kind: 'worker', guarantee: 'at_least_once', client: 'platformatic', node: '22', label: 'worker (@platformatic/kafka, Node 22), at_least_once' },
  { id: 'worker-plat-eos', kind: 'worker', guarantee: 'exactly_once', client: 'platformatic', node: '22', label: 'worker (@platformatic/kafka, Node 22), exactly_once' },
  { id: 'worker-alos-t2', kind: 'worker', guarantee: 'at_least_once', client: 'kafkajs', env: TWO_PIPELINE_THREADS, label: 'worker (KafkaJS), at_least_once, PIPELINE_THREADS=2' },
  { id: 'worker-plat-alos-t2', kind: 'worker', guarantee: 'at_least_once', client: 'platformatic', node: '22', env: TWO_PIPELINE_THREADS, label: 'worker (@platformatic/kafka, Node 22), at_least_once, PIPELINE_THREADS=2' },
  { id: 'pass-kafkajs-alos', kind: 'passthrough', guarantee: 'at_least_once', client: 'kafkajs', label: 'raw passthrough, KafkaJS, commit per batch' },
  { id: 'pass-kafkajs-eos', kind: 'passthrough', guarantee: 'exactly_once', client: 'kafkajs', label: 'raw passthrough, KafkaJS, transaction per batch' },
  { id: 'pass-plat-alos', kind: 'passthrough', guarantee: 'at_least_once', client: 'platformatic', node: '22', label: 'raw passthrough, @platformatic/kafka (Node 22), commit per batch' },
  { id: 'kstreams-alos', kind: 'kstreams', guarantee: 'at_least_once', env: KSTREAMS_WORKER_LIKE, label: 'Kafka Streams, at_least_once, 512 KiB batches' },
  { id: 'kstreams-eos', kind: 'kstreams', guarantee: 'exactly_once', env: KSTREAMS_WORKER_LIKE, label: 'Kafka Streams, exactly_once_v2, 512 KiB batches' },
  { id: 'kstreams-alos-16k', kind: 'kstreams', guarantee: 'at_least_once', env: KSTREAMS_DEFAULT_BATCH, label: 'Kafka Streams, at_least_once, default 16 KiB batches' },
];

/** A throughput system by id (a typo fails at load, not in the middle of a run). */
function system(id: string): BenchSystem {
  const found = THROUGHPUT_SYSTEMS.find((s) => s.id === id);
  if (!found) throw new Error(`no bench system ${id}`);
  return found;
}

export const LATENCY_SYSTEMS: readonly BenchSystem[] = [
  system('worker-alos'), system('worker-eos'),
  system('kstreams-alos'), system('kstreams-eos'),
  // The knob of exactly-once commit frequency: Streams' commit.interval.ms (100 ms by default
  // under exactly_once_v2). The worker has none: it commits one transaction per fetched batch.
  { ...system('kstreams-eos'), id: 'kstreams-eos-1s', env: { ...KSTREAMS_WORKER_LIKE, COMMIT_INTERVAL_MS: '1000' }, label: 'Kafka Streams, exactly_once_v2, commit.interval.ms 1000' },
];

/**
 * The worker with the heap flags docs/memory.md recommends where memory is tight: V8 sizes its
 * old generation (and how far it lets it grow between collections) from the RAM it sees, a
 * quarter of it by default; capped, it collects sooner, for more CPU per record.
 */
const NODE_SMALL_HEAP = { NODE_OPTIONS: '--max-old-space-size=256 --max-semi-space-size=8' };
/** The cheaper setting docs/memory.md recommends: ~170 MiB for ~20 % more CPU (256 costs ~50 %). */
const NODE_HEAP_1024 = { NODE_OPTIONS: '--max-old-space-size=1024 --max-semi-space-size=8' };
/** The peer's heap capped as a user sizing a container would (the JVM reads JAVA_TOOL_OPTIONS). */
const JVM_HEAP_256M = { JAVA_TOOL_OPTIONS: '-Xmx256m' };

export const MEMORY_SYSTEMS: readonly BenchSystem[] = [
  system('worker-alos'), system('worker-eos'),
  { ...system('worker-alos'), id: 'worker-alos-heap256', env: NODE_SMALL_HEAP, label: 'worker (KafkaJS), at_least_once, NODE_OPTIONS=--max-old-space-size=256 --max-semi-space-size=8' },
  { ...system('worker-eos'), id: 'worker-eos-heap256', env: NODE_SMALL_HEAP, label: 'worker (KafkaJS), exactly_once, NODE_OPTIONS=--max-old-space-size=256 --max-semi-space-size=8' },
  { ...system('worker-alos'), id: 'worker-alos-heap1024', env: NODE_HEAP_1024, label: 'worker (KafkaJS), at_least_once, NODE_OPTIONS=--max-old-space-size=1024 --max-semi-space-size=8' },
  { ...system('worker-eos'), id: 'worker-eos-heap1024', env: NODE_HEAP_1024, label: 'worker (KafkaJS), exactly_once, NODE_OPTIONS=--max-old-space-size=1024 --max-semi-space-size=8' },
  system('worker-plat-alos'), system('worker-plat-eos'),
  system('kstreams-alos'), system('kstreams-eos'),
  { ...system('kstreams-alos'), id: 'kstreams-alos-xmx256', env: { ...KSTREAMS_WORKER_LIKE, ...JVM_HEAP_256M }, label: 'Kafka Streams, at_least_once, 512 KiB batches, -Xmx256m' },
  { ...system('kstreams-eos'), id: 'kstreams-eos-xmx256', env: { ...KSTREAMS_WORKER_LIKE, ...JVM_HEAP_256M }, label: 'Kafka Streams, exactly_once_v2, 512 KiB batches, -Xmx256m' },
];

/** The few a --quick pass runs per suite: every kind of system is started by the throughput suite already. */
export const QUICK_SYSTEMS = {
  throughput: THROUGHPUT_SYSTEMS.filter((s) => s.id !== 'kstreams-alos-16k' && !s.id.startsWith('worker-plat')),
  latency: LATENCY_SYSTEMS.filter((s) => s.id === 'worker-eos' || s.id === 'kstreams-eos'),
  memory: MEMORY_SYSTEMS.filter((s) => s.id === 'worker-alos' || s.id === 'kstreams-alos'),
} as const;
