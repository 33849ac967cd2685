// A bug in the send path (here: the real producer's send throws a TypeError for a while, as
// KafkaJS did for a null header value) is not an outage: the worker logs it with the batch's
// coordinates, counts it, turns unready after repeated failures, keeps retrying with backoff,
// and goes on once the send works. The worker runs on the real stack; only the producer's send
// is wrapped, to throw before the real send.
import { describe, expect, it } from 'vitest';
import type { Producer, StreamClient } from '../../src/kafka/streamClient.js';
import { projectSchemas } from '../../src/schemas/avroSchemas.js';
import { waitFor } from '../helpers/waitFor.js';
import { avroWriter, callbackRecord, collect, createWorkerTopics, decodeEnriched, produce, workerEnv } from './workerHarness.js';
import { metricValue, startInProcess } from './workerProcesses.js';

/** The real client, whose producers' send throws a TypeError while `broken()` says so. */
function brokenSend(client: StreamClient, broken: () => boolean): StreamClient {
  const wrap = (producer: Producer): Producer => ({
    connect: () => producer.connect(),
    disconnect: () => producer.disconnect(),
    async send(records) {
      if (broken()) throw new TypeError("Cannot read properties of null (reading 'length') (test)");
      await producer.send(records);
    },
  });
  return { ...client, createProducer: () => wrap(client.createProducer()) };
}

describe('an unexpected error in the send path', () => {
  it('is surfaced (error log with coordinates, metric, /readyz), retried, never taken for an outage, and the batch goes through once fixed', async () => {
    const topics = await createWorkerTopics('send-bug');
    const writer = await avroWriter(`${topics.input}-value`, projectSchemas().schemas.callback);
    let broken = false;
    const running = await startInProcess(
      workerEnv(topics),
      { unexpectedFailuresBeforeUnready: 3, unexpectedBackoff: { initialMs: 100, maxMs: 400 } },
      (client) => brokenSend(client, () => broken),
    );
    const out = await collect([topics.output, topics.dlq]);
    const M = 'callback_enricher_unexpected_errors_total';
    try {
      broken = true;
      await produce(topics.input, [0, 1, 2].map((i) => ({ key: `k${i}`, value: writer.encode(callbackRecord({ id: `bug-${i}` })) })));
      await waitFor(() => running.worker.readiness().reasons.some((r) => r.startsWith('failing: batch')), { timeoutMs: 30_000, message: 'unready for the failing batch' });
      const reason = running.worker.readiness().reasons.find((r) => r.startsWith('failing: batch'))!;
      expect(reason).toMatch(new RegExp(`^failing: batch ${topics.input.replace(/\./g, '\\.')}/0 offsets 0\\.\\.2 failed \\d+ times in a row in the deliver step`));
      expect(reason).toContain('(test)');
      expect(metricValue(await running.metrics.metricsText(), M, { stage: 'deliver' })).toBeGreaterThanOrEqual(3);
      const errors = running.logs.filter((l) => l.level === 50 && l.stage === 'deliver');
      expect(errors.length).toBeGreaterThanOrEqual(3);
      expect(errors[0]).toMatchObject({ topic: topics.input, partition: 0, offsets: '0..2', attempts: 1 });
      // Never logged as a broker outage, nothing written meanwhile.
      expect(running.logs.some((l) => String(l.msg).includes('Kafka brokers unavailable'))).toBe(false);
      expect(out.messages).toEqual([]);

      broken = false;
      await waitFor(() => out.messages.length === 3, { timeoutMs: 30_000, message: 'the batch goes through once the send works' });
      expect(out.on(topics.output).map((m) => decodeEnriched(m.value).callback.id)).toEqual(['bug-0', 'bug-1', 'bug-2']);
      await waitFor(() => running.worker.readiness().ready, { message: () => `ready again (${running.worker.readiness().reasons.join('; ')})` });
      expect(running.logs.some((l) => String(l.msg).includes('went through after'))).toBe(true);
    } finally {
      broken = false;
      await out.stop();
      await running.stop();
    }
  });
});
