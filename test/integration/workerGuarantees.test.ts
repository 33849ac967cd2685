// The processing guarantees with the worker run as a user runs it (a child process of the CLI):
// killed hard mid-stream and restarted, and stopped gracefully. Counted by callback id and
// eventId with a read_committed consumer.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestStreamClient } from '../helpers/streamClient.js';
import { projectSchemas } from '../../src/schemas/avroSchemas.js';
import { partitionTransactionalId } from '../../src/worker/createPartitionedExactlyOnceDelivery.js';
import { waitFor } from '../helpers/waitFor.js';
import {
  avroWriter, callbackRecord, collect, createWorkerTopics, decodeEnriched, committedRecords, groupPosition,
  produceSteadily, produce, workerEnv,
} from './workerHarness.js';
import {
  freezeInsideBatch, killInsideBatch, killSpawnedWorkers, spawnWorker, startInProcess,
} from './workerProcesses.js';

afterEach(killSpawnedWorkers);

const TOTAL = 10_000;

/** Runs TOTAL records through a worker that is SIGKILLed mid-stream and started again. */
async function runWithHardRestart(guarantee: 'at_least_once' | 'exactly_once') {
  const topics = await createWorkerTopics(guarantee === 'exactly_once' ? 'eos' : 'alo', { partitions: 2 });
  const writer = await avroWriter(`${topics.input}-value`, projectSchemas().schemas.callback);
  // Same GROUP_ID and INSTANCE_ID for both runs: the restart is the same instance coming back.
  // At least once, small fetches: the probe below must freeze the worker between a batch's sends
  // and its offset commit, a window of a few milliseconds now that the worker is fast. With 16 KiB
  // fetches a batch is ~50 records, so there are ~200 such windows and each freeze has a fair
  // chance; with 1 MiB fetches 10,000 records made a handful of batches and the probe could miss
  // every one of its 50 attempts (CI, 2026-11-29).
  const env = workerEnv(topics, {
    PROCESSING_GUARANTEE: guarantee, KAFKA_SESSION_TIMEOUT_MS: '6000',
    ...(guarantee === 'at_least_once' ? { KAFKA_FETCH_MAX_BYTES_PER_PARTITION: '16384' } : {}),
  });
  const out = await collect([topics.output, topics.dlq]);
  // Sees records of open and aborted transactions too: the kill is aimed at an open one.
  const uncommitted = await collect([topics.output], { readCommitted: false });
  try {
    // A backlog keeps the worker busy, so the kill lands inside a batch, not between two.
    await produceSteadily(topics.input, TOTAL, (i) => ({
      key: `key-${i % 20}`, value: writer.encode(callbackRecord({ id: `cb-${i}`, state: 'DIALING' })),
    }), { batch: 1000, pauseMs: 0 });
    const first = spawnWorker(env);
    const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));
    if (guarantee === 'exactly_once') {
      // Frozen with records of an open transaction in the log: read_uncommitted sees more.
      await killInsideBatch(first, () => uncommitted.messages.length > out.messages.length, async () => {
        await settle();
        return uncommitted.messages.length > out.messages.length;
      });
    } else {
      // Frozen with outputs written whose input offsets are not committed yet.
      await killInsideBatch(first, () => out.messages.length > 0, async () => {
        await settle();
        return out.messages.length > await committedRecords(env.GROUP_ID!, topics.input);
      });
    }
    const outputsAtKill = out.messages.length;
    const second = spawnWorker(env);
    try {
      await waitFor(() => new Set(out.on(topics.output).map((m) => decodeEnriched(m.value).callback.id)).size === TOTAL, {
        timeoutMs: 90_000,
        message: () => `all ${TOTAL} callbacks in the output (have ${out.messages.length})`,
      });
      // Anything still in flight after the last id arrived would show up as a late duplicate.
      await waitFor(async () => {
        const { committed, high } = await groupPosition(env.GROUP_ID!, topics.input);
        return [...high].every(([partition, offset]) => committed.get(partition) === offset);
      }, { message: 'offsets committed up to the high watermarks' });
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
    return { outputs: out.on(topics.output), dlq: out.on(topics.dlq), outputsAtKill, uncommittedOutputs: uncommitted.messages.length };
  } finally {
    await out.stop();
    await uncommitted.stop();
  }
}

describe('processing guarantees', () => {
  it('at_least_once: a worker killed inside a batch and restarted loses nothing (and repeats that batch)', async () => {
    const { outputs, dlq, outputsAtKill } = await runWithHardRestart('at_least_once');
    expect(outputsAtKill).toBeLessThan(TOTAL);
    const ids = new Set(outputs.map((m) => decodeEnriched(m.value).callback.id));
    expect(ids.size).toBe(TOTAL);
    // The batch in flight at the kill was written again: the price of at-least-once.
    expect(outputs.length).toBeGreaterThan(TOTAL);
    expect(dlq).toEqual([]);
  });

  it('exactly_once: a worker killed inside a transaction and restarted writes every input exactly once (read_committed)', async () => {
    const { outputs, dlq, outputsAtKill, uncommittedOutputs } = await runWithHardRestart('exactly_once');
    expect(outputsAtKill).toBeLessThan(TOTAL);
    // The transaction open at the kill left aborted records in the log, which read_committed skips.
    expect(uncommittedOutputs).toBeGreaterThan(TOTAL);
    const eventIds = outputs.map((m) => decodeEnriched(m.value).eventId);
    expect(eventIds.length).toBe(TOTAL);
    expect(new Set(eventIds).size).toBe(TOTAL);
    expect(new Set(outputs.map((m) => decodeEnriched(m.value).callback.id)).size).toBe(TOTAL);
    expect(dlq).toEqual([]);
  });

  it('SIGTERM mid-stream: finishes and commits the batch in hand, leaves the group, exits 0', async () => {
    const topics = await createWorkerTopics('stop', { partitions: 2 });
    const writer = await avroWriter(`${topics.input}-value`, projectSchemas().schemas.callback);
    const env = workerEnv(topics, { SHUTDOWN_TIMEOUT_MS: '10000' });
    // ~5 fetches (1 MiB each) per partition, so finishing the batches in hand is not finishing all.
    const padding = 'x'.repeat(500);
    await produceSteadily(topics.input, 20_000, (i) => ({
      key: `k${i % 7}`, value: writer.encode(callbackRecord({ id: `s-${i}`, callbackUserName: padding })),
    }), { batch: 1000, pauseMs: 0 });
    const out = await collect([topics.output], { readCommitted: false });
    try {
      const worker = spawnWorker(env);
      // Frozen with outputs written whose offsets are not committed: SIGTERM lands mid-batch.
      await freezeInsideBatch(worker, () => out.messages.length > 0, async () => {
        await new Promise((resolve) => setTimeout(resolve, 1500));
        return out.messages.length > await committedRecords(env.GROUP_ID!, topics.input);
      });
      const stopAt = Date.now();
      worker.child.kill('SIGTERM');
      worker.child.kill('SIGCONT');
      const { code } = await worker.exited;
      expect(code).toBe(0);
      expect(Date.now() - stopAt).toBeLessThan(10_000);
      expect(worker.logs.some((line) => line.msg === 'shutdown complete')).toBe(true);
      const position = await groupPosition(env.GROUP_ID!, topics.input);
      // Left the group: the next member does not wait out a session timeout.
      expect(position.state).toBe('Empty');
      const committed = await committedRecords(env.GROUP_ID!, topics.input);
      expect(committed).toBeGreaterThan(0);
      expect(committed).toBeLessThan(20_000);
      // The batch in hand was finished and committed: every output written has its offset
      // committed, so a restart repeats nothing.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(out.messages.length).toBe(committed);
    } finally {
      await out.stop();
    }
  });

  it('exactly_once, SIGTERM inside a transaction: the transaction in hand is committed, not aborted', async () => {
    const topics = await createWorkerTopics('eos-stop', { partitions: 2 });
    const writer = await avroWriter(`${topics.input}-value`, projectSchemas().schemas.callback);
    const env = workerEnv(topics, { PROCESSING_GUARANTEE: 'exactly_once', SHUTDOWN_TIMEOUT_MS: '10000' });
    await produceSteadily(topics.input, 20_000, (i) => ({
      key: `k${i % 7}`, value: writer.encode(callbackRecord({ id: `t-${i}`, callbackUserName: 'x'.repeat(500) })),
    }), { batch: 1000, pauseMs: 0 });
    const committedOut = await collect([topics.output]);
    const allOut = await collect([topics.output], { readCommitted: false });
    try {
      const worker = spawnWorker(env);
      // Frozen with records of an open transaction in the log.
      await freezeInsideBatch(worker, () => allOut.messages.length > committedOut.messages.length, async () => {
        await new Promise((resolve) => setTimeout(resolve, 1500));
        return allOut.messages.length > committedOut.messages.length;
      });
      worker.child.kill('SIGTERM');
      worker.child.kill('SIGCONT');
      expect((await worker.exited).code).toBe(0);
      const committed = await committedRecords(env.GROUP_ID!, topics.input);
      expect(committed).toBeLessThan(20_000);
      await waitFor(() => committedOut.messages.length === committed, { message: () => `${committed} committed outputs (have ${committedOut.messages.length})` });
      // Every record in the log belongs to a committed transaction: none was aborted at the stop.
      await waitFor(() => allOut.messages.length >= committed, { message: 'the log read uncommitted' });
      expect(allOut.messages.length).toBe(committed);
    } finally {
      await committedOut.stop();
      await allOut.stop();
    }
  });

  it('exactly_once: a transaction fenced by another producer of its partition\'s id is aborted; the worker fences back and writes the record once, without stopping', async () => {
    const topics = await createWorkerTopics('fenced');
    const writer = await avroWriter(`${topics.input}-value`, projectSchemas().schemas.callback);
    const env = workerEnv(topics, { PROCESSING_GUARANTEE: 'exactly_once' });
    const running = await startInProcess(env);
    let fatal: Error | undefined;
    void running.worker.fatal.then((error) => { fatal = error; });
    const out = await collect([topics.output]);
    // What a new owner of partition 0 does first: initialise the partition's transactional id.
    const newer = createTestStreamClient('test-newer')
      .createTransactionalProducer(partitionTransactionalId(env.GROUP_ID!, topics.input, 0));
    try {
      await produce(topics.input, [{ key: 'a', value: writer.encode(callbackRecord({ id: 'before' })) }]);
      await waitFor(() => out.messages.length === 1, { message: 'the record before the fencing' });
      await newer.connect();
      await produce(topics.input, [{ key: 'a', value: writer.encode(callbackRecord({ id: 'after' })) }]);
      await waitFor(() => running.logs.some((line) => String(line.msg).includes('fenced by its new owner')), { message: 'the fenced transaction' });
      // Still the partition's owner in the group: it initialises the id again and delivers.
      await waitFor(async () => (await committedRecords(env.GROUP_ID!, topics.input)) === 2, { timeoutMs: 30_000, message: 'both offsets committed' });
      await waitFor(() => out.messages.length >= 2, { message: 'the record after the fencing' });
      expect(out.messages.map((m) => decodeEnriched(m.value).callback.id)).toEqual(['before', 'after']);
      expect(fatal).toBeUndefined();
    } finally {
      await newer.disconnect();
      await out.stop();
      await running.stop();
    }
  });

  it('refuses to start on a bad variable or a missing topic, naming it', async () => {
    const topics = await createWorkerTopics('cfg');
    const bad = spawnWorker(workerEnv(topics, { PROCESSING_GUARANTEE: 'maybe_once' }));
    expect((await bad.exited).code).toBe(2);
    expect(bad.stderr()).toMatch(/PROCESSING_GUARANTEE: .*at_least_once/);

    const missing = spawnWorker(workerEnv(topics, { ROUTES: JSON.stringify([{ topic: 'no.such.route.topic', when: { outcome: ['SPAM'] } }]) }));
    expect((await missing.exited).code).toBe(1);
    expect(missing.stderr()).toMatch(/missing topic: "no\.such\.route\.topic" \(route rule 1/);
  });
});
