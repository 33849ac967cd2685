// The worker's small pure parts: backoff, outage logging once per state change, the topic check's
// message, readiness, and campaign decoding by field name.
import { Writable } from 'node:stream';
import avro from 'avsc';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { encodeWire } from '../../../src/pipeline/encodeWire.js';
import { projectSchemas } from '../../../src/schemas/avroSchemas.js';
import { computeBackoff, createOutageTracker } from '../../../src/worker/createOutageTracker.js';
import { createReadiness } from '../../../src/worker/createReadiness.js';
import { decodeCampaign } from '../../../src/pipeline/decodeCampaign.js';
import { requiredTopics } from '../../../src/kafka/topics.js';
import { findMissingTopics, MissingTopicsError } from '../../../src/kafka/verifyTopics.js';

function capturingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({ write(chunk: Buffer, _e, done) { lines.push(JSON.parse(chunk.toString())); done(); } });
  return { logger: pino({ level: 'info' }, sink), lines };
}

describe('computeBackoff', () => {
  it('doubles from the initial delay up to the cap, within ±20 % jitter', () => {
    const options = { initialMs: 100, maxMs: 1000 };
    expect([0, 1, 2, 3, 4, 30].map((attempt) => computeBackoff(attempt, options, () => 0.5))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(computeBackoff(0, options, () => 0)).toBe(80);
    expect(computeBackoff(0, options, () => 1)).toBe(120);
  });
});

describe('createOutageTracker', () => {
  it('logs once when a dependency goes away and once when it is back, however many attempts fail', () => {
    const { logger, lines } = capturingLogger();
    const changes: boolean[] = [];
    const tracker = createOutageTracker(logger, 'schema registry', (down) => changes.push(down), { initialMs: 10, maxMs: 40 });
    const delays = [1, 2, 3, 4, 5].map(() => tracker.failed(new Error('ECONNREFUSED')));
    expect(tracker.isDown()).toBe(true);
    tracker.succeeded();
    tracker.succeeded();
    expect(lines.map((l) => l.msg)).toEqual([
      'schema registry unavailable: pausing and retrying with backoff',
      'schema registry available again: resuming',
    ]);
    expect(changes).toEqual([true, false]);
    expect(Math.max(...delays)).toBeLessThanOrEqual(48);
    expect(delays[0]).toBeLessThanOrEqual(12);
    expect(tracker.failed(new Error('again'))).toBeLessThanOrEqual(12); // backoff starts over
  });
});

describe('topic check', () => {
  const config = {
    topics: { input: 'in', output: 'out', dlq: 'dlq', campaign: 'camp' },
    routes: [{ topic: 'spam', when: { outcome: ['SPAM' as const] } }, { topic: 'mirror', when: {} }],
  };

  it('names each missing topic with the setting it came from', () => {
    const missing = findMissingTopics(['in', 'out', 'dlq', 'camp', 'spam'], requiredTopics(config));
    expect(missing).toEqual([{ topic: 'mirror', source: 'route rule 2 (ROUTES)' }]);
    expect(new MissingTopicsError(missing).message).toMatch(/^missing topic: "mirror" \(route rule 2 \(ROUTES\)\)\. The worker does not create topics/);
    expect(findMissingTopics([], requiredTopics(config)).map((m) => m.source).slice(0, 4)).toEqual(['INPUT_TOPIC', 'OUTPUT_TOPIC', 'DLQ_TOPIC', 'CAMPAIGN_TOPIC']);
  });
});

describe('createReadiness', () => {
  it('is ready once joined, loaded and the registry is reachable, and unready when lag stays without progress', () => {
    let now = 1_000;
    const readiness = createReadiness('in', 5_000, () => now);
    expect(readiness.verdict().ready).toBe(false);
    readiness.joined();
    readiness.campaignTableLoaded();
    readiness.registryReachable(true);
    expect(readiness.verdict()).toEqual({ ready: true, reasons: [] });
    readiness.lag(new Map([[0, 12], [1, 0]]));
    now += 5_000;
    expect(readiness.verdict().reasons).toEqual(['stalled: lag in/0=12 and no progress for 5000 ms (limit 5000 ms)']);
    readiness.progressed();
    expect(readiness.verdict().ready).toBe(true);
    readiness.registryReachable(false);
    expect(readiness.verdict().reasons).toEqual(['schema registry unreachable']);
  });
});

describe('decodeCampaign', () => {
  const campaignType = projectSchemas().types.campaign;
  const full = { id: 'c1', name: 'Winter', divisionId: 'd', timeZone: 'Europe/Berlin', contactListId: null, dialingMode: 'preview', updatedAt: 1_700_000_000_000 };
  const types = new Map<number, avro.Type>([[7, campaignType]]);
  const writerTypeFor = (id: number) => types.get(id);

  it('decodes the canonical schema', () => {
    expect(decodeCampaign(encodeWire(7, campaignType.toBuffer(full)), writerTypeFor)).toEqual({ ok: true, value: full });
  });

  it('reads an older writer by field name, defaulting what it lacks', () => {
    const older = avro.Type.forSchema({ type: 'record', name: 'CampaignReference', fields: [
      { name: 'id', type: 'string' }, { name: 'name', type: 'string' }, { name: 'timeZone', type: 'string' }, { name: 'extra', type: 'int' },
    ] });
    types.set(8, older);
    expect(decodeCampaign(encodeWire(8, older.toBuffer({ id: 'c2', name: 'Old', timeZone: 'UTC', extra: 3 })), writerTypeFor)).toEqual({
      ok: true, value: { id: 'c2', name: 'Old', timeZone: 'UTC', divisionId: null, contactListId: null, dialingMode: null, updatedAt: null },
    });
  });

  it('rejects what it cannot use, with a reason', () => {
    const noZone = avro.Type.forSchema({ type: 'record', name: 'C', fields: [{ name: 'id', type: 'string' }, { name: 'name', type: 'string' }] });
    types.set(9, noZone);
    const body = campaignType.toBuffer(full);
    expect(decodeCampaign(Buffer.from([1, 2]), writerTypeFor)).toMatchObject({ ok: false });
    expect(decodeCampaign(encodeWire(99, body), writerTypeFor)).toEqual({ ok: false, error: 'schema id 99 is unknown to the registry' });
    expect(decodeCampaign(encodeWire(7, body.subarray(0, 5)), writerTypeFor)).toMatchObject({ ok: false, error: expect.stringMatching(/truncated/) });
    expect(decodeCampaign(encodeWire(9, noZone.toBuffer({ id: 'c', name: 'n' })), writerTypeFor)).toEqual({ ok: false, error: 'timeZone: missing or not a string' });
  });
});
