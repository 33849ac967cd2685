// The batch handler's decisions on the error model: an outage is waited out quietly, a bug is
// surfaced (an error log with the batch's coordinates, a metric, /readyz after repeated failures)
// and retried, fencing stops the worker, a rebalance is rethrown; and the group is heartbeaten
// while a batch waits. Delivery and prefetch are plain functions here: no Kafka client is involved.
import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { BrokerUnavailableError, GroupRebalanceError, ProducerFencedError } from '../../../src/errors.js';
import type { BatchControl, ConsumedBatch } from '../../../src/kafka/streamClient.js';
import type { OutputRecord, ProcessOutcome } from '../../../src/pipeline/types.js';
import { RegistryUnavailableError } from '../../../src/registry/registryErrors.js';
import { awaitWithHeartbeat } from '../../../src/worker/awaitWithHeartbeat.js';
import { processRecords } from '../../../src/worker/processRecords.js';
import { createBatchHandler, type BatchStats } from '../../../src/worker/createBatchHandler.js';
import { classifyBatchFailure } from '../../../src/worker/classifyBatchFailure.js';
import { createFailingBatches } from '../../../src/worker/createFailingBatches.js';
import { createOutageTracker } from '../../../src/worker/createOutageTracker.js';
import { createReadiness } from '../../../src/worker/createReadiness.js';
import { livenessTimings } from '../../../src/worker/livenessTimings.js';
import { waitFor } from '../../helpers/waitFor.js';

function capturingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({ write(chunk: Buffer, _e, done) { lines.push(JSON.parse(chunk.toString())); done(); } });
  return { logger: pino({ level: 'info' }, sink), lines };
}

const BATCH: ConsumedBatch = {
  topic: 'callbacks.raw', partition: 3, highWatermark: '20', nextOffset: '13',
  records: [10, 11, 12].map((offset) => ({ topic: 'callbacks.raw', partition: 3, offset: String(offset), timestamp: 0, key: null, value: null, headers: [] })),
};

const DEAD_LETTER: ProcessOutcome = {
  kind: 'deadLetter', coreBug: false, rejection: { reason: 'MAGIC_BYTE', message: 'empty' },
  record: { topic: 'callbacks.dlq', key: null, value: null, headers: [] },
};

function control(heartbeat: () => Promise<void> = async () => undefined): BatchControl {
  return { heartbeat, isActive: () => true, groupMetadata: () => ({ groupId: 'g', generationId: -1, memberId: '' }) };
}

function setUp(options: { deliver?: (records: OutputRecord[]) => Promise<void>; prefetch?: () => Promise<void>; heartbeatIntervalMs?: number } = {}) {
  const { logger, lines } = capturingLogger();
  const unexpected: string[] = [];
  const fatal: Error[] = [];
  const delivered: BatchStats[] = [];
  const failingBatches = createFailingBatches({
    logger, unreadyAfter: 3, backoff: { initialMs: 100, maxMs: 1_000 }, random: () => 0.5, onUnexpected: (stage) => unexpected.push(stage),
  });
  const readiness = createReadiness('callbacks.raw', 60_000, () => 0, () => failingBatches.stuck());
  readiness.joined();
  readiness.campaignTableLoaded();
  readiness.registryReachable(true);
  const handler = createBatchHandler({
    prefetch: options.prefetch ?? (async () => undefined),
    processRecords: (records, now) => processRecords(records, now, () => DEAD_LETTER),
    delivery: { connect: async () => undefined, disconnect: async () => undefined, deliver: options.deliver ?? (async () => undefined) },
    registryState: createOutageTracker(logger, 'schema registry'),
    brokerState: createOutageTracker(logger, 'Kafka brokers'),
    failingBatches,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 1_000,
    clock: () => 0,
    onDelivered: (stats) => delivered.push(stats),
    onFatal: (error) => fatal.push(error),
  });
  return { handler, lines, unexpected, fatal, delivered, readiness, failingBatches };
}

describe('classifyBatchFailure', () => {
  it.each<[string, unknown, 'prefetch' | 'process' | 'deliver', string]>([
    ['a registry outage', new RegistryUnavailableError('down'), 'prefetch', 'outage:registry'],
    ['a broker outage', new BrokerUnavailableError('down'), 'deliver', 'outage:brokers'],
    ['a rebalance', new GroupRebalanceError('REBALANCE_IN_PROGRESS'), 'deliver', 'rebalance'],
    ['fencing', new ProducerFencedError('PRODUCER_FENCED'), 'deliver', 'fatal'],
    ['a TypeError in the send path', new TypeError("Cannot read properties of null (reading 'length')"), 'deliver', 'unexpected'],
    ['a TypeError in the prefetch', new TypeError('x is not a function'), 'prefetch', 'unexpected'],
    ['a thrown string', 'oops', 'process', 'unexpected'],
  ])('%s → %s', (_name, error, stage, expected) => {
    const failure = classifyBatchFailure(error, stage);
    expect(failure.kind === 'outage' ? `outage:${failure.dependency}` : failure.kind).toBe(expected);
  });
});

describe('createBatchHandler', () => {
  it('surfaces a send-path bug: error log with the coordinates, a metric per attempt, unready after 3 in a row, ready once it goes through', async () => {
    let failures = 4;
    const { handler, lines, unexpected, readiness, delivered } = setUp({
      deliver: async () => { if (failures-- > 0) throw new TypeError("Cannot read properties of null (reading 'length')"); },
    });
    const results = [];
    for (let i = 0; i < 2; i += 1) results.push(await handler(BATCH, control()));
    expect(readiness.verdict().ready).toBe(true);
    results.push(await handler(BATCH, control()));
    expect(readiness.verdict()).toEqual({
      ready: false,
      reasons: [`failing: batch callbacks.raw/3 offsets 10..12 failed 3 times in a row in the deliver step with an unexpected error (Cannot read properties of null (reading 'length'))`],
    });
    results.push(await handler(BATCH, control()));
    expect(results.map((r) => r.kind === 'retry' && r.afterMs)).toEqual([100, 200, 400, 800]);
    expect(unexpected).toEqual(['deliver', 'deliver', 'deliver', 'deliver']);
    const errors = lines.filter((l) => l.level === 50);
    expect(errors).toHaveLength(4);
    expect(errors[0]).toMatchObject({ topic: 'callbacks.raw', partition: 3, offsets: '10..12', stage: 'deliver', attempts: 1 });
    expect(String(errors[0]!.msg)).toMatch(/not an outage/);
    // Never reported as an outage.
    expect(lines.some((l) => String(l.msg).includes('unavailable'))).toBe(false);

    expect(await handler(BATCH, control())).toEqual({ kind: 'done' });
    expect(delivered).toHaveLength(1);
    expect(readiness.verdict().ready).toBe(true);
  });

  it('forgets a failing partition once it is assigned elsewhere', async () => {
    const { handler, readiness, failingBatches } = setUp({ deliver: async () => { throw new TypeError('bug'); } });
    for (let i = 0; i < 3; i += 1) await handler(BATCH, control());
    expect(readiness.verdict().ready).toBe(false);
    failingBatches.assigned('callbacks.raw', [3]);
    expect(readiness.verdict().ready).toBe(false);
    failingBatches.assigned('callbacks.raw', [0, 1]);
    expect(readiness.verdict().ready).toBe(true);
  });

  it('waits out a broker outage quietly: no unexpected-error metric, one warning', async () => {
    let failures = 3;
    const { handler, lines, unexpected } = setUp({ deliver: async () => { if (failures-- > 0) throw new BrokerUnavailableError('ECONNREFUSED'); } });
    for (let i = 0; i < 3; i += 1) expect((await handler(BATCH, control())).kind).toBe('retry');
    expect(await handler(BATCH, control())).toEqual({ kind: 'done' });
    expect(unexpected).toEqual([]);
    expect(lines.filter((l) => l.level === 40).map((l) => l.msg)).toEqual(['Kafka brokers unavailable: pausing and retrying with backoff']);
  });

  it('reports fencing as fatal and rethrows a rebalance', async () => {
    const fenced = setUp({ deliver: async () => { throw new ProducerFencedError('PRODUCER_FENCED'); } });
    expect((await fenced.handler(BATCH, control())).kind).toBe('retry');
    expect(fenced.fatal.map((e) => e.name)).toEqual(['ProducerFencedError']);

    const rebalance = new GroupRebalanceError('REBALANCE_IN_PROGRESS');
    const rebalancing = setUp({ deliver: async () => { throw rebalance; } });
    await expect(rebalancing.handler(BATCH, control())).rejects.toBe(rebalance);
    expect(rebalancing.unexpected).toEqual([]);
  });

  it('heartbeats while the registry is slow, and stops waiting when a heartbeat learns of a rebalance', async () => {
    let release: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => { release = resolve; });
    let beats = 0;
    const { handler } = setUp({ prefetch: () => slow, heartbeatIntervalMs: 5 });
    const handling = handler(BATCH, control(async () => { beats += 1; }));
    await waitFor(() => beats >= 3, { message: 'heartbeats while the prefetch waits' });
    release();
    expect(await handling).toEqual({ kind: 'done' });
    const after = beats;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(beats).toBe(after); // no heartbeat once the wait is over

    const hung = setUp({ prefetch: () => new Promise(() => undefined), heartbeatIntervalMs: 5 });
    await expect(hung.handler(BATCH, control(async () => { throw new GroupRebalanceError('REBALANCE_IN_PROGRESS'); })))
      .rejects.toBeInstanceOf(GroupRebalanceError);
  });
});

describe('awaitWithHeartbeat', () => {
  it('awaits a send to its end even when a rebalance is learnt meanwhile', async () => {
    let release: (value: string) => void = () => undefined;
    const sending = new Promise<string>((resolve) => { release = resolve; });
    let beats = 0;
    const waiting = awaitWithHeartbeat(sending, { heartbeat: async () => { beats += 1; throw new GroupRebalanceError('x'); } }, { intervalMs: 5, abandonOnRebalance: false });
    await waitFor(() => beats >= 2, { message: 'heartbeats during the send' });
    release('sent');
    await expect(waiting).resolves.toBe('sent');
  });

  it('ignores heartbeat failures that are not a rebalance', async () => {
    const result = awaitWithHeartbeat(new Promise((resolve) => setTimeout(() => resolve('ok'), 30)),
      { heartbeat: async () => { throw new BrokerUnavailableError('down'); } }, { intervalMs: 5, abandonOnRebalance: true });
    await expect(result).resolves.toBe('ok');
  });
});

describe('livenessTimings', () => {
  it.each([
    [6_000, 2_000, 1_200],
    [30_000, 10_000, 6_000],
    [300_000, 10_000, 60_000],
  ])('session %i ms: registry timeout %i ms, heartbeat every %i ms', (session, timeout, heartbeat) => {
    const timings = livenessTimings(session);
    expect(timings).toMatchObject({ registryTimeoutMs: timeout, heartbeatIntervalMs: heartbeat });
    // Well below the session: a hung registry defers the batch long before the member is expelled.
    expect(timings.registryTimeoutMs).toBeLessThanOrEqual(session / 3);
    expect(timings.registryBackoff.maxMs).toBeLessThanOrEqual(timings.registryTimeoutMs);
  });
});
