// Lag in seconds on the real stack: while a backlog waits (the registry is cut off from this
// worker, so its batch cannot be decoded and is retried), callback_enricher_consumer_lag_seconds
// reads the age of the oldest waiting record from its Kafka timestamp; once drained it reads 0.
import { describe, expect, it } from 'vitest';
import { projectSchemas } from '../../src/schemas/avroSchemas.js';
import { createFixtureProducer, stackEnv } from '../helpers/stack.js';
import { waitFor } from '../helpers/waitFor.js';
import { avroWriter, callbackRecord, createWorkerTopics, workerEnv } from './workerHarness.js';
import { metricValue, startInProcess } from './workerProcesses.js';
import { startTcpProxy } from './workerTcpProxy.js';

const AGE_MS = 600_000;

describe('lag in seconds', () => {
  it('is the age of the oldest unprocessed record while a backlog waits, and 0 once drained', async () => {
    const topics = await createWorkerTopics('lag-seconds', { partitions: 2 });
    const writer = await avroWriter(`${topics.input}-value`, projectSchemas().schemas.callback);
    const registryUrl = new URL(stackEnv().SCHEMA_REGISTRY_URL!);
    const proxy = await startTcpProxy(registryUrl.host);
    const running = await startInProcess(workerEnv(topics, {
      SCHEMA_REGISTRY_URL: `${registryUrl.protocol}//${proxy.address}${registryUrl.pathname}`,
    }), { probeIntervalMs: 200 });
    const sample = async (partition: number) => {
      const text = await running.metrics.metricsText();
      const labels = { topic: topics.input, partition: String(partition) };
      return { records: metricValue(text, 'callback_enricher_consumer_lag', labels), seconds: metricValue(text, 'callback_enricher_consumer_lag_seconds', labels) };
    };
    try {
      // The worker has not seen this writer's schema id: without the registry it cannot decode.
      await proxy.close();
      const producer = createFixtureProducer('test-lag-producer');
      await producer.connect();
      const oldest = Date.now() - AGE_MS;
      await producer.send({
        topic: topics.input,
        acks: -1,
        messages: [0, 1, 2].map((i) => ({
          partition: 0, key: `k${i}`, timestamp: String(oldest + i * 1000), value: writer.encode(callbackRecord({ id: `lag-${i}` })),
        })),
      });
      await producer.disconnect();

      const waiting = await waitFor(async () => {
        const now = await sample(0);
        // Until the consumer has fetched the batch, the age counts from when a poll first saw it.
        return now.records === 3 && (now.seconds ?? 0) >= AGE_MS / 1000 ? now : undefined;
      }, { message: 'lag of 3 records aged by the oldest record\'s timestamp' });
      // At most the oldest record's age plus the test's run time.
      expect(waiting.seconds).toBeLessThan(AGE_MS / 1000 + 120);
      // A partition without a backlog reads 0 seconds.
      expect(await sample(1)).toEqual({ records: 0, seconds: 0 });

      await proxy.open();
      await waitFor(async () => {
        const now = await sample(0);
        return now.records === 0 && now.seconds === 0;
      }, { message: 'lag 0 records and 0 seconds once drained' });
    } finally {
      await running.stop();
      await proxy.close().catch(() => undefined);
    }
  });
});
