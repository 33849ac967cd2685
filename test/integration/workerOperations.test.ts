// Operating the worker: /healthz, /readyz and /metrics of a worker run as a user runs it, and a
// schema-registry outage in the middle of a stream (paused, never dead-lettered, resumed).
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeWire } from '../../src/pipeline/encodeWire.js';
import { projectSchemas } from '../../src/schemas/avroSchemas.js';
import { startProcess, stopProcess } from '../../scripts/stack/control.js';
import { stackEnv, stackIsLocal } from '../helpers/stack.js';
import { waitFor } from '../helpers/waitFor.js';
import {
  avroWriter, callbackRecord, campaign, collect, committedRecords, createWorkerTopics, decodeEnriched, produce,
  produceCampaigns, produceSteadily, REPO_ROOT, workerEnv,
} from './workerHarness.js';
import { httpGet, metricValue, killSpawnedWorkers, spawnWorker, startInProcess, waitUntilReady } from './workerProcesses.js';
import { startTcpProxy } from './workerTcpProxy.js';

afterEach(killSpawnedWorkers);

const M = 'callback_enricher_';

describe('worker operations', () => {
  it('answers /healthz, /readyz and /metrics with the counts of a known input', async () => {
    const topics = await createWorkerTopics('ops', { routes: 1 });
    const writer = await avroWriter(`${topics.input}-value`, projectSchemas().schemas.callback);
    await produceCampaigns(topics.campaign, [{ id: 'c1', campaign: campaign('c1') }, { id: 'c2', campaign: campaign('c2') }]);
    const env = workerEnv(topics, { ROUTES: JSON.stringify([{ topic: topics.routes[0], when: { outcome: ['SCHEDULED'] } }]), LOG_LEVEL: 'debug' });
    const worker = spawnWorker(env);
    try {
      const port = await waitUntilReady(worker);
      expect((await httpGet(port, '/healthz')).status).toBe(200);
      const ready = JSON.parse((await httpGet(port, '/readyz')).text) as { ready: boolean; reasons: string[] };
      expect(ready).toEqual({ ready: true, reasons: [] });

      await produce(topics.input, [
        { key: 'a', value: writer.encode(callbackRecord({ id: 'a', state: 'SCHEDULED' })) },
        { key: 'b', value: writer.encode(callbackRecord({ id: 'b', state: 'CONNECTED' })) },
        { key: 'c', value: writer.encode(callbackRecord({ id: 'c', state: 'DIALING' })) },
        { key: 'd', value: Buffer.from('not avro') },
        { key: 'e', value: null },
        { key: 'f', value: encodeWire(876_543_210, Buffer.from([2])) },
      ]);
      const out = await collect([topics.output, topics.dlq]);
      await waitFor(() => out.messages.length === 6, { message: 'six records out' }).finally(() => out.stop());

      const text = await waitFor(async () => {
        const body = (await httpGet(port, '/metrics')).text;
        return metricValue(body, `${M}records_in_total`) === 6 && metricValue(body, `${M}consumer_lag`, { partition: '0' }) === 0 ? body : undefined;
      }, { message: 'metrics of six records and no lag' });
      expect(metricValue(text, `${M}records_out_total`)).toBe(3);
      expect(metricValue(text, `${M}records_routed_total`, { topic: topics.routes[0]! })).toBe(1);
      expect(metricValue(text, `${M}records_dead_lettered_total`, { reason: 'magic_byte' })).toBe(2);
      expect(metricValue(text, `${M}records_dead_lettered_total`, { reason: 'unknown_schema' })).toBe(1);
      expect(metricValue(text, `${M}records_dead_lettered_total`, { reason: 'decode_error' })).toBe(0);
      expect(metricValue(text, `${M}core_bug_total`)).toBe(0);
      expect(metricValue(text, `${M}campaign_table_size`)).toBe(2);
      expect(metricValue(text, `${M}processing_seconds_count`)).toBeGreaterThanOrEqual(1);
      expect(metricValue(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
      // Not even at debug (KafkaJS at INFO then) do passwords reach the log.
      for (const secret of [env.KAFKA_SASL_PASSWORD, env.SCHEMA_REGISTRY_PASSWORD].filter(Boolean)) {
        expect(JSON.stringify(worker.logs) + worker.stderr()).not.toContain(secret);
      }
    } finally {
      worker.child.kill('SIGTERM');
      await worker.exited;
    }
  });

  it('counts enum fallbacks by field', async () => {
    const topics = await createWorkerTopics('ops-enum');
    const newer = await avroWriter(`${topics.input}-newer`, JSON.parse(readFileSync(`${REPO_ROOT}/test/fixtures/writers/newer.avsc`, 'utf8')) as object);
    const running = await startInProcess(workerEnv(topics));
    try {
      await produce(topics.input, [
        { key: 'n1', value: newer.encode({ ...callbackRecord({ id: 'n1', state: 'PARKED', direction: 'INTERNAL' }), queueId: null }) },
        { key: 'n2', value: newer.encode({ ...callbackRecord({ id: 'n2', state: 'PARKED' }), queueId: 'q' }) },
      ]);
      const text = await waitFor(async () => {
        const body = await running.metrics.metricsText();
        return metricValue(body, `${M}records_out_total`) === 2 ? body : undefined;
      }, { message: 'two records out' });
      expect(metricValue(text, `${M}enum_fallbacks_total`, { field: 'state' })).toBe(2);
      expect(metricValue(text, `${M}enum_fallbacks_total`, { field: 'direction' })).toBe(1);
      expect(metricValue(text, `${M}enum_fallbacks_total`, { field: 'disconnectType' })).toBe(0);
    } finally {
      await running.stop();
    }
  });

  it('waits out a registry outage mid-stream: pauses, turns unready, logs once, resumes in order, dead-letters nothing', async () => {
    const topics = await createWorkerTopics('outage');
    const outage = await registryOutage();
    const canonical = await avroWriter(`${topics.input}-value`, projectSchemas().schemas.callback);
    const running = await startInProcess(workerEnv(topics, { SCHEMA_REGISTRY_URL: outage.url, READY_STALL_MS: '1000' }), { probeIntervalMs: 200 });
    const out = await collect([topics.output, topics.dlq]);
    try {
      await produce(topics.input, [{ key: 'before', value: canonical.encode(callbackRecord({ id: 'before' })) }]);
      await waitFor(() => out.messages.length === 1, { message: 'the record before the outage' });

      // A writer the worker has not seen: its records need the registry, which is now away.
      const newer = await avroWriter(`${topics.input}-newer`, JSON.parse(readFileSync(`${REPO_ROOT}/test/fixtures/writers/newer.avsc`, 'utf8')) as object);
      await outage.down();
      const during = Array.from({ length: 20 }, (_, i) => ({
        key: `k${i % 3}`,
        value: i % 2 === 0
          ? newer.encode({ ...callbackRecord({ id: `during-${i}`, state: 'PARKED' }), queueId: null })
          : canonical.encode(callbackRecord({ id: `during-${i}` })),
      }));
      await produce(topics.input, during);
      await waitFor(() => !running.worker.readiness().ready, { message: 'unready during the outage' });
      await waitFor(() => running.worker.readiness().reasons.some((r) => r.startsWith('stalled')), { message: 'stall detected' });
      expect(running.worker.readiness().reasons).toContain('schema registry unreachable');
      // Several retries have run by now; the records wait, none is dead-lettered.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(out.messages.length).toBe(1);
      const downLines = running.logs.filter((l) => typeof l.msg === 'string' && l.msg.startsWith('schema registry unavailable'));
      expect(downLines).toHaveLength(1);

      await outage.up();
      await waitFor(() => out.messages.length === 21, { timeoutMs: 60_000, message: () => `all 20 records after the outage (have ${out.messages.length - 1})` });
      expect(out.on(topics.dlq)).toEqual([]);
      const ids = out.on(topics.output).slice(1).map((m) => decodeEnriched(m.value).callback.id);
      expect(ids).toEqual(during.map((_, i) => `during-${i}`));
      await waitFor(() => running.worker.readiness().ready, { message: 'ready again' });
      expect(running.logs.filter((l) => typeof l.msg === 'string' && l.msg.startsWith('schema registry available again'))).toHaveLength(1);
      expect(JSON.stringify(running.logs)).not.toMatch(/password/i);
    } finally {
      await out.stop();
      await running.stop();
      await outage.up();
      await outage.close();
    }
  });
});

interface RegistryOutage {
  /** SCHEMA_REGISTRY_URL for the worker under test. */
  url: string;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

/**
 * How the registry goes away. By default a TCP relay between this worker and the registry is
 * switched off: to the worker that is a registry refusing connections, and the registry every
 * other test file uses at the same time stays up. WORKER_OUTAGE=stop-registry stops the local
 * stack's registry process itself instead (stack helper; about 30 s to come back): run it alone,
 * for example on a stack of its own with STACK_DIR.
 */
async function registryOutage(): Promise<RegistryOutage> {
  const registryUrl = new URL(stackEnv().SCHEMA_REGISTRY_URL!);
  if (process.env.WORKER_OUTAGE === 'stop-registry' && stackIsLocal()) {
    let isDown = false;
    return {
      url: registryUrl.toString().replace(/\/+$/, ''),
      async down() { isDown = true; await stopProcess('registry'); },
      async up() { if (isDown) await startProcess('registry'); isDown = false; },
      async close() {},
    };
  }
  const proxy = await startTcpProxy(registryUrl.host);
  let isDown = false;
  return {
    url: `${registryUrl.protocol}//${proxy.address}${registryUrl.pathname}`,
    async down() { isDown = true; await proxy.close(); },
    async up() { if (isDown) await proxy.open(); isDown = false; },
    close: () => (isDown ? Promise.resolve() : proxy.close()),
  };
}

describe('worker and a broker restart', () => {
  // Stops the stack's only broker mid-stream: every other test file on the same stack would
  // fail meanwhile, so it runs only when asked (WORKER_OUTAGE=stop-broker), on a stack of its
  // own (STACK_DIR=…).
  it.runIf(process.env.WORKER_OUTAGE === 'stop-broker' && stackIsLocal()).each(['at_least_once', 'exactly_once'])('%s: waits out a broker restart mid-stream: nothing lost, nothing dead-lettered', async (guarantee) => {
    const topics = await createWorkerTopics('broker-outage', { partitions: 2 });
    const writer = await avroWriter(`${topics.input}-value`, projectSchemas().schemas.callback);
    const total = 20_000;
    await produceSteadily(topics.input, total, (i) => ({ key: `k${i % 13}`, value: writer.encode(callbackRecord({ id: `b-${i}`, callbackUserName: 'x'.repeat(300) })) }), { batch: 1000, pauseMs: 0 });
    const running = await startInProcess(workerEnv(topics, { KAFKA_SESSION_TIMEOUT_MS: '10000', PROCESSING_GUARANTEE: guarantee }));
    let seen = 0;
    try {
      await waitFor(async () => (seen = await committedRecords(running.config.groupId, topics.input)) > 0, { message: 'first commits' });
      await stopProcess('broker-1');
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      await startProcess('broker-1');
      await waitFor(async () => (await committedRecords(running.config.groupId, topics.input)) === total, { timeoutMs: 180_000, intervalMs: 500, message: 'every offset committed after the restart' });
      // A broker restart is an outage the error model knows: waited out, never reported as a bug.
      expect(running.logs.filter((l) => String(l.msg).startsWith('unexpected error')).map((l) => l.err)).toEqual([]);
    } finally {
      await running.stop();
    }
    const out = await collect([topics.output, topics.dlq]);
    try {
      await waitFor(() => new Set(out.on(topics.output).map((m) => decodeEnriched(m.value).callback.id)).size === total, { timeoutMs: 60_000, message: 'every callback in the output' });
      expect(out.on(topics.dlq)).toEqual([]);
      if (guarantee === 'exactly_once') expect(out.on(topics.output)).toHaveLength(total);
      expect(seen).toBeLessThan(total);
    } finally {
      await out.stop();
    }
  });
});
