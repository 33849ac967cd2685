// A stop (SIGTERM) that lands while the worker is still starting: start() gives up at its next step
// and closes what it opened after the stop, so no consumer joins the group afterwards with nobody
// driving it (the chaos suite saw such a member take every partition and keep the process alive).
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parseConfig.js';
import { createStreamClientFromConfig } from '../../src/kafka/createStreamClientFromConfig.js';
import type { GroupConsumer } from '../../src/kafka/streamClient.js';
import { createMetrics } from '../../src/observability/createMetrics.js';
import { createRegistryClient } from '../../src/registry/createRegistryClient.js';
import { createWorker } from '../../src/worker/createWorker.js';
import { StoppedDuringStartError } from '../../src/worker/waitOutOutage.js';
import { waitFor } from '../helpers/waitFor.js';
import { createWorkerTopics, workerEnv } from './workerHarness.js';

const quiet = pino({ level: 'silent' }, new Writable({ write: (_chunk, _encoding, done) => done() }));
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => { for (const cleanup of cleanups) await cleanup(); });

describe('worker stopped during start-up', () => {
  it('gives up before joining the group when stopped while its consumer connects, and closes it again', async () => {
    const topics = await createWorkerTopics('stop-during-start');
    const config = parseConfig(workerEnv(topics));
    const calls: string[] = [];
    let releaseConnect: () => void = () => undefined;
    const connectGate = new Promise<void>((resolve) => { releaseConnect = resolve; });
    const real = createStreamClientFromConfig(config.kafka, quiet);
    const client = {
      ...real,
      createGroupConsumer(options: Parameters<typeof real.createGroupConsumer>[0]): GroupConsumer {
        const consumer = real.createGroupConsumer(options);
        if (options.groupId !== config.groupId) return consumer; // the campaign table's own reader
        return {
          ...consumer,
          async connect() { calls.push('connect'); await consumer.connect(); await connectGate; calls.push('connected'); },
          async run(topic, handler) { calls.push('run'); await consumer.run(topic, handler); },
          async disconnect() { calls.push('disconnect'); await consumer.disconnect(); },
        };
      },
    };
    const registry = createRegistryClient({ ...config.registry, logger: quiet });
    const worker = createWorker({ config, logger: quiet, registry, metrics: createMetrics({ defaultMetrics: false }), client });
    cleanups.push(() => worker.stop());

    const starting = worker.start();
    await waitFor(() => calls.includes('connect'), { message: 'the consumer connecting' });
    await worker.stop(); // SIGTERM now: start-up is blocked in the consumer's connect
    releaseConnect();

    await expect(starting).rejects.toBeInstanceOf(StoppedDuringStartError);
    expect(calls).not.toContain('run');
    // Closed again after the connect that finished past the stop.
    expect(calls.lastIndexOf('disconnect')).toBeGreaterThan(calls.indexOf('connected'));
  });
});
