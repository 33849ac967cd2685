// A registry that accepts connections and never answers must not get a member expelled (issue 10,
// item 3): registry requests give up well within the session timeout and the group is heartbeaten
// while a batch waits, so the batch is retried, never dead-lettered, and the group never rebalances.
// Two workers in one group (exactly-once), KAFKA_SESSION_TIMEOUT_MS=6000, the registry hung for
// 10 s through a TCP relay in black-hole mode, records of a writer id neither worker has cached.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { projectSchemas } from '../../src/schemas/avroSchemas.js';
import { stackEnv } from '../helpers/stack.js';
import { uniqueName } from '../helpers/uniqueName.js';
import { waitFor } from '../helpers/waitFor.js';
import {
  avroWriter, callbackRecord, collect, createWorkerTopics, decodeEnriched, produce, REPO_ROOT, workerEnv,
} from './workerHarness.js';
import { startInProcess, type InProcessWorker } from './workerProcesses.js';
import { startTcpProxy } from './workerTcpProxy.js';

const HANG_MS = 10_000;
const PARTITIONS = 4;

const joins = (worker: InProcessWorker): Array<Record<string, unknown>> => worker.logs.filter((l) => l.msg === 'joined the consumer group');
const lastPartitions = (worker: InProcessWorker): number[] => (joins(worker).at(-1)?.partitions as number[] | undefined) ?? [];

describe('a hung schema registry', () => {
  it('expels no member: no rebalance while it hangs, nothing lost, duplicated or dead-lettered', async () => {
    const topics = await createWorkerTopics('hung-registry', { partitions: PARTITIONS });
    const canonical = await avroWriter(`${topics.input}-value`, projectSchemas().schemas.callback);
    const registryUrl = new URL(stackEnv().SCHEMA_REGISTRY_URL!);
    const proxy = await startTcpProxy(registryUrl.host);
    const env = workerEnv(topics, {
      SCHEMA_REGISTRY_URL: `${registryUrl.protocol}//${proxy.address}${registryUrl.pathname}`,
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      PROCESSING_GUARANTEE: 'exactly_once',
    });
    const workers: InProcessWorker[] = [];
    const out = await collect([topics.output, topics.dlq]);
    try {
      workers.push(await startInProcess(env));
      workers.push(await startInProcess({ ...env, INSTANCE_ID: uniqueName('worker') }));
      // Settled: the two hold every partition between them.
      await waitFor(() => workers.every((w) => lastPartitions(w).length > 0)
        && workers.flatMap(lastPartitions).length === PARTITIONS, { timeoutMs: 60_000, message: 'both workers share the partitions' });
      const before = [0, 1, 2, 3].map((i) => ({ key: `k${i}`, partition: i, value: canonical.encode(callbackRecord({ id: `before-${i}` })) }));
      await produce(topics.input, before);
      await waitFor(() => out.on(topics.output).length === before.length, { message: 'the records before the hang' });
      const joinsBefore = workers.map((w) => joins(w).length);

      // A writer neither worker has cached: its records need the registry while it hangs.
      const newer = await avroWriter(`${topics.input}-newer`, JSON.parse(readFileSync(`${REPO_ROOT}/test/fixtures/writers/newer.avsc`, 'utf8')) as object);
      proxy.hang();
      const during = Array.from({ length: 40 }, (_, i) => ({
        key: `k${i % 8}`, partition: i % PARTITIONS,
        value: newer.encode({ ...callbackRecord({ id: `during-${i}`, state: 'PARKED' }), queueId: null }),
      }));
      await produce(topics.input, during);
      await waitFor(() => workers.some((w) => w.logs.some((l) => String(l.msg).startsWith('schema registry unavailable'))), { message: 'a registry request timed out' });
      // The hang itself is the fault under test: it lasts well past the session timeout.
      await new Promise((resolve) => setTimeout(resolve, HANG_MS));
      expect(out.on(topics.output).length).toBe(before.length);
      proxy.relay();

      const total = before.length + during.length;
      await waitFor(() => out.on(topics.output).length >= total, { timeoutMs: 60_000, message: () => `all records after the hang (have ${out.on(topics.output).length} of ${total})` });
      expect(workers.map((w) => joins(w).length)).toEqual(joinsBefore);
      expect(out.on(topics.dlq)).toEqual([]);
      const ids = out.on(topics.output).map((m) => decodeEnriched(m.value).callback.id);
      expect(ids.length).toBe(total);
      expect(new Set(ids).size).toBe(total);
      expect(workers.flatMap((w) => w.logs).filter((l) => String(l.msg).includes('unexpected error'))).toEqual([]);
    } finally {
      proxy.relay();
      await out.stop();
      await Promise.all(workers.map((w) => w.stop()));
      await proxy.close();
    }
  });
});
