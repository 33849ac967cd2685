// The worker end to end on the real stack (in-process, at-least-once): Avro in → enriched, routed
// and dead-lettered records out. Given/When/Then per behaviour, on one set of topics.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWire } from '../../src/pipeline/encodeWire.js';
import { projectSchemas } from '../../src/schemas/avroSchemas.js';
import type { ReadMessage } from '../helpers/readUntil.js';
import { waitFor } from '../helpers/waitFor.js';
import {
  avroWriter, callbackRecord, campaign, collect, createWorkerTopics, decodeEnriched, headerText, produce,
  produceCampaigns, REPO_ROOT, workerEnv, type AvroWriter, type Collector, type WorkerTopics,
} from './workerHarness.js';
import { metricValue, startInProcess, type InProcessWorker } from './workerProcesses.js';

const T0 = Date.parse('2026-03-01T12:00:00Z');
let topics: WorkerTopics;
let canonical: AvroWriter;
let running: InProcessWorker;
let out: Collector;
const instanceId = `pipeline-test-${process.pid}`;

function fixture(name: string): object {
  return JSON.parse(readFileSync(`${REPO_ROOT}/test/fixtures/writers/${name}.avsc`, 'utf8')) as object;
}

/** A schema like the canonical one with one field's type replaced (for wrong-type writers). */
function withFieldType(name: string, type: unknown): object {
  const schema = structuredClone(projectSchemas().schemas.callback);
  schema.fields = schema.fields.map((field) => (field.name === name ? { ...field, type, default: null } : field));
  return schema;
}

function byKey(messages: ReadMessage[], key: string): ReadMessage[] {
  return messages.filter((m) => m.key?.toString() === key);
}

async function outputFor(key: string): Promise<ReadMessage> {
  return waitFor(() => byKey(out.on(topics.output), key)[0], { message: `output for ${key}` });
}

async function dlqFor(key: string): Promise<ReadMessage> {
  return waitFor(() => byKey(out.on(topics.dlq), key)[0], { message: `dead letter for ${key}` });
}

// Inline, and with the pure pipeline on two worker threads: the same records out either way.
describe.each(['0', '2'])('worker pipeline, PIPELINE_THREADS=%s', (pipelineThreads) => {
  beforeAll(async () => {
    topics = await createWorkerTopics('wp', { partitions: 2, routes: 2 });
    canonical = await avroWriter(`${topics.input}-value`, projectSchemas().schemas.callback);
    await produceCampaigns(topics.campaign, [
      { id: 'camp-1', campaign: campaign('camp-1', { timeZone: 'America/New_York' }) },
      { id: 'camp-2', campaign: campaign('camp-2') },
    ]);
    const routes = JSON.stringify([
      { topic: topics.routes[0], when: { outcome: ['SCHEDULED'] } },
      { topic: topics.routes[1], when: { state: ['DISCONNECTED'], direction: ['OUTBOUND'] } },
    ]);
    running = await startInProcess(workerEnv(topics, { ROUTES: routes, INSTANCE_ID: instanceId, PIPELINE_THREADS: pipelineThreads }));
    out = await collect([topics.output, topics.dlq, ...topics.routes]);
  });

  afterAll(async () => {
    await out?.stop();
    await running?.stop();
  });

  it('enriches a canonical record: derived fields, campaign join, source, headers, key kept', async () => {
    await produce(topics.input, [{
      key: 'canon-1',
      headers: { trace: 'abc' },
      value: canonical.encode(callbackRecord({
        id: 'canon-1', state: 'DISCONNECTED', direction: 'OUTBOUND', disconnectType: 'ENDPOINT',
        connectedTime: T0, disconnectedTime: T0 + 60_000, callbackScheduledTime: T0 + 3_600_000,
        callbackNumbers: ['+14155550100', '4155550101', 'bogus'],
        dialerPreview: { id: 'dp', contactId: null, contactListId: null, campaignId: 'camp-1', phoneNumberColumns: null, additionalProperties: null },
        additionalProperties: '{"x":1}',
      })),
    }]);
    const message = await outputFor('canon-1');
    const enriched = decodeEnriched(message.value);
    expect(enriched.callback.state).toBe('DISCONNECTED');
    expect(enriched.derived.outcome).toBe('COMPLETED');
    expect(enriched.derived.connectedDurationMs).toBe(60_000);
    expect(enriched.derived.callbackNumbersE164).toEqual(['+14155550100', '+14155550101']);
    expect(enriched.derived.invalidCallbackNumbers).toEqual(['bogus']);
    expect(enriched.campaign?.name).toBe('Campaign camp-1');
    expect(enriched.derived.scheduledLocalTime).toMatch(/-0[45]:00$/);
    expect(enriched.source).toMatchObject({ topic: topics.input, schemaId: canonical.schemaId });
    expect(headerText(message.headers, 'source.offset')).toBe(String(enriched.source!.offset));
    expect(headerText(message.headers, 'source.partition')).toBe(String(enriched.source!.partition));
    expect(enriched.eventId).toMatch(/^[0-9a-f]{64}$/);
    expect(headerText(message.headers, 'trace')).toBe('abc');
    expect(headerText(message.headers, 'event.id')).toBe(enriched.eventId);
    expect(headerText(message.headers, 'source.topic')).toBe(topics.input);
    expect(message.value!.readUInt32BE(1)).toBeGreaterThan(0); // the registered output schema id
  });

  it('reads newer and older writer schemas in the same topic, keeping raw unknown enum values', async () => {
    const newer = await avroWriter(`${topics.input}-newer`, fixture('newer'));
    const older = await avroWriter(`${topics.input}-older`, fixture('older'));
    await produce(topics.input, [
      { key: 'newer-1', value: newer.encode({ ...callbackRecord({ id: 'newer-1', state: 'PARKED', direction: 'INTERNAL' }), queueId: 'q-7' }) },
      { key: 'older-1', value: older.encode(callbackRecord({ id: 'older-1', state: 'scheduled', disconnectType: 'GONE_AWAY', voicemail: { id: 'vm', uploadStatus: 'complete' } })) },
      { key: 'canon-2', value: canonical.encode(callbackRecord({ id: 'canon-2', state: 'CONNECTED', held: true })) },
    ]);
    const fromNewer = decodeEnriched((await outputFor('newer-1')).value);
    expect(fromNewer.callback.state).toBe('OutdatedSdkVersion');
    expect(fromNewer.callback.direction).toBe('OutdatedSdkVersion');
    expect(fromNewer.unknownEnumValues).toEqual({ state: 'PARKED', direction: 'INTERNAL' });
    expect(fromNewer.source?.schemaId).toBe(newer.schemaId);
    const fromOlder = decodeEnriched((await outputFor('older-1')).value);
    expect(fromOlder.callback.state).toBe('SCHEDULED');
    expect(fromOlder.callback.disconnectType).toBe('OutdatedSdkVersion');
    expect(fromOlder.callback.voicemail?.uploadStatus).toBe('COMPLETE');
    expect(fromOlder.unknownEnumValues).toEqual({ disconnectType: 'GONE_AWAY' });
    expect(decodeEnriched((await outputFor('canon-2')).value).derived.outcome).toBe('ON_HOLD');
  });

  it('dead-letters every reason with key, value and headers untouched plus the dlq.* headers, and goes on', async () => {
    const wrongType = await avroWriter(`${topics.input}-wrongtype`, withFieldType('connectedTime', ['null', 'string']));
    const newer = await avroWriter(`${topics.input}-newer`, fixture('newer'));
    // Parses, but JSON.stringify cannot re-encode it (too deep): only the output encoding fails.
    // A newer writer, because a canonical writer's callback bytes are copied, not re-encoded.
    const tooDeep = `{"nested":${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
    const valid = canonical.encode(callbackRecord({ id: 'x', state: 'CONNECTED', callbackUserName: 'a fairly long name' }));
    // A canonical writer (whose bytes the output would copy) with an encoded surrogate in its id.
    const badUtf8 = Buffer.from(canonical.encode(callbackRecord({ id: 'u-XYZ', state: 'CONNECTED' })));
    badUtf8.set([0xed, 0xa0, 0x80], badUtf8.indexOf('XYZ'));
    await produce(topics.input, [
      { key: 'dlq-magic', value: Buffer.from([1, 0, 0, 0, 1, 2, 3]), headers: { trace: 't1', 'dlq.replays': '2', 'dlq.reason': 'OLD' } },
      { key: 'dlq-short', value: Buffer.from([0, 0, 1]) },
      { key: 'dlq-null', value: null },
      { key: 'dlq-unknown', value: encodeWire(987_654_321, Buffer.from([0])) },
      { key: 'dlq-decode', value: valid.subarray(0, valid.length - 5) },
      { key: 'dlq-utf8', value: badUtf8 },
      { key: 'dlq-mapping', value: wrongType.encode(callbackRecord({ id: 'm', connectedTime: 'yesterday' })) },
      { key: 'dlq-encode', value: newer.encode(callbackRecord({ id: 'e', additionalProperties: tooDeep })) },
      { key: 'after-dlq', value: canonical.encode(callbackRecord({ id: 'after', state: 'ALERTING' })) },
    ]);
    const expected: Record<string, string> = {
      'dlq-magic': 'MAGIC_BYTE', 'dlq-short': 'MAGIC_BYTE', 'dlq-null': 'MAGIC_BYTE', 'dlq-unknown': 'UNKNOWN_SCHEMA',
      'dlq-decode': 'DECODE_ERROR', 'dlq-utf8': 'DECODE_ERROR', 'dlq-mapping': 'MAPPING_ERROR', 'dlq-encode': 'ENCODE_ERROR',
    };
    for (const [key, reason] of Object.entries(expected)) {
      const letter = await dlqFor(key);
      expect(headerText(letter.headers, 'dlq.reason'), key).toBe(reason);
      expect(headerText(letter.headers, 'dlq.error'), key).toBeTruthy();
      expect(headerText(letter.headers, 'dlq.source.topic')).toBe(topics.input);
      expect(Number(headerText(letter.headers, 'dlq.source.partition'))).toBeGreaterThanOrEqual(0);
      expect(headerText(letter.headers, 'dlq.source.offset')).toMatch(/^\d+$/);
      expect(Date.parse(headerText(letter.headers, 'dlq.failed.at')!)).not.toBeNaN();
      expect(headerText(letter.headers, 'dlq.worker')).toBe(instanceId);
    }
    const magic = await dlqFor('dlq-magic');
    expect(magic.value).toEqual(Buffer.from([1, 0, 0, 0, 1, 2, 3]));
    expect(headerText(magic.headers, 'trace')).toBe('t1');
    expect(headerText(magic.headers, 'dlq.replays')).toBe('2');
    expect(headerText(magic.headers, 'dlq.schema.id')).toBeUndefined();
    expect((await dlqFor('dlq-null')).value).toBeNull();
    expect(headerText((await dlqFor('dlq-unknown')).headers, 'dlq.schema.id')).toBe('987654321');
    expect(headerText((await dlqFor('dlq-mapping')).headers, 'dlq.error')).toContain('connectedTime');
    expect(headerText((await dlqFor('dlq-decode')).headers, 'dlq.schema.id')).toBe(String(canonical.schemaId));
    expect(decodeEnriched((await outputFor('after-dlq')).value).derived.outcome).toBe('IN_PROGRESS');
    expect(byKey(out.on(topics.output), 'dlq-mapping')).toEqual([]);
    const utf8 = await dlqFor('dlq-utf8');
    expect(utf8.value).toEqual(badUtf8);
    expect(headerText(utf8.headers, 'dlq.error')).toContain('invalid UTF-8');
    expect(byKey(out.on(topics.output), 'dlq-utf8')).toEqual([]);
  });

  it('joins campaigns, follows an update and a tombstone while running, and gives null for unknown ones', async () => {
    const withCampaign = (key: string, campaignId: string) => ({
      key,
      value: canonical.encode(callbackRecord({
        id: key, state: 'SCHEDULED',
        dialerPreview: { id: null, contactId: null, contactListId: null, campaignId, phoneNumberColumns: null, additionalProperties: null },
      })),
    });
    await produce(topics.input, [withCampaign('camp-known', 'camp-2'), withCampaign('camp-unknown', 'camp-nope')]);
    expect(decodeEnriched((await outputFor('camp-known')).value).campaign?.name).toBe('Campaign camp-2');
    expect(decodeEnriched((await outputFor('camp-unknown')).value).campaign).toBeNull();

    // Probe records until the change shows: the table is eventually consistent with its topic.
    let probe = 0;
    const probeUntil = async (accept: (enriched: ReturnType<typeof decodeEnriched>) => boolean, what: string) => {
      await waitFor(async () => {
        const key = `camp-probe-${probe++}`;
        await produce(topics.input, [withCampaign(key, 'camp-2')]);
        return accept(decodeEnriched((await outputFor(key)).value));
      }, { timeoutMs: 30_000, intervalMs: 200, message: what });
    };
    await produceCampaigns(topics.campaign, [{ id: 'camp-2', campaign: campaign('camp-2', { name: 'Renamed' }) }]);
    await probeUntil((e) => e.campaign?.name === 'Renamed', 'the campaign update');
    await produceCampaigns(topics.campaign, [{ id: 'camp-2', campaign: null }]);
    await probeUntil((e) => e.campaign === null, 'the campaign tombstone');
  });

  it('routes copies by outcome, state and direction', async () => {
    await produce(topics.input, [
      { key: 'route-scheduled', value: canonical.encode(callbackRecord({ id: 'r1', state: 'SCHEDULED', direction: 'INBOUND' })) },
      { key: 'route-outbound-done', value: canonical.encode(callbackRecord({ id: 'r2', state: 'DISCONNECTED', direction: 'OUTBOUND', disconnectType: 'SPAM' })) },
      { key: 'route-none', value: canonical.encode(callbackRecord({ id: 'r3', state: 'DISCONNECTED', direction: 'INBOUND' })) },
    ]);
    await outputFor('route-none');
    await waitFor(() => byKey(out.on(topics.routes[1]!), 'route-outbound-done')[0], { message: 'route copy' });
    await waitFor(() => byKey(out.on(topics.routes[0]!), 'route-scheduled')[0], { message: 'route copy' });
    const copy = byKey(out.on(topics.routes[1]!), 'route-outbound-done')[0]!;
    expect(copy.value).toEqual((await outputFor('route-outbound-done')).value);
    expect(byKey(out.on(topics.routes[0]!), 'route-outbound-done')).toEqual([]);
    expect(byKey(out.on(topics.routes[1]!), 'route-scheduled')).toEqual([]);
    expect([...byKey(out.on(topics.routes[0]!), 'route-none'), ...byKey(out.on(topics.routes[1]!), 'route-none')]).toEqual([]);
  });

  it('keeps per-key order from input to output across partitions', async () => {
    const keys = ['order-a', 'order-b', 'order-c', 'order-d'];
    const messages = Array.from({ length: 200 }, (_, i) => {
      const key = keys[i % keys.length]!;
      return { key, value: canonical.encode(callbackRecord({ id: `${key}:${i}`, state: 'DIALING' })) };
    });
    await produce(topics.input, messages);
    const expected = (key: string) => messages.filter((m) => m.key === key).map((_, n) => n);
    await waitFor(() => keys.every((key) => byKey(out.on(topics.output), key).length === 50), { message: '200 ordered records' });
    for (const key of keys) {
      const ids = byKey(out.on(topics.output), key).map((m) => decodeEnriched(m.value).callback.id!);
      const sequence = ids.map((id) => Number(id.split(':')[1]));
      expect(sequence).toEqual([...sequence].sort((a, b) => a - b));
      expect(sequence.length).toBe(expected(key).length);
    }
  });

  it('runs the pipeline where PIPELINE_THREADS says: a thread per partition that had records, or none', async () => {
    // Both input partitions have had records by now (the tests above spread their keys over them).
    const threads = Number(pipelineThreads);
    await waitFor(async () => metricValue(await running.metrics.metricsText(), 'callback_enricher_pipeline_threads') === threads, {
      message: `callback_enricher_pipeline_threads at ${threads}`,
    });
  });
});
