// `tail` as a user runs it, on the real stack: generated input, dead letters, enriched records, --follow.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { enrich } from '../../src/enrich/enrich.js';
import { encodeEnriched } from '../../src/model/enrichedCodec.js';
import { mapGenesysJson } from '../../src/model/mapGenesysJson.js';
import { encodeWire } from '../../src/pipeline/encodeWire.js';
import { projectSchemas } from '../../src/schemas/avroSchemas.js';
import { createTopics } from '../helpers/createTopics.js';
import { runCli } from '../helpers/runCli.js';
import { createFixtureProducer, registryFetch, stackEnv } from '../helpers/stack.js';
import { uniqueName } from '../helpers/uniqueName.js';

interface Line {
  topic: string; partition: number; offset: string; timestamp: string; key: string | null;
  headers: Array<{ key: string; value: string | null }>; schemaId?: number; value?: unknown; valueBase64?: string;
  error?: { reason: string; message: string };
}

const topics = { input: uniqueName('tail-in'), output: uniqueName('tail-out'), dlq: uniqueName('tail-dlq'), campaigns: uniqueName('tail-camp') };
const env = { ...stackEnv(), INPUT_TOPIC: topics.input, OUTPUT_TOPIC: topics.output, DLQ_TOPIC: topics.dlq, CAMPAIGN_TOPIC: topics.campaigns, LOG_LEVEL: 'warn' };

async function tail(args: string[]): Promise<Line[]> {
  const run = await runCli(['tail', ...args], '', env);
  expect(run.code, run.stderr).toBe(0);
  return run.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Line);
}

async function send(topic: string, messages: Array<{ key: string; value: Buffer; headers?: Record<string, string> }>): Promise<void> {
  const producer = createFixtureProducer('tail-test');
  await producer.connect();
  await producer.send({ topic, messages });
  await producer.disconnect();
}

beforeAll(() => createTopics([{ topic: topics.input, numPartitions: 2 }, topics.output, topics.dlq, topics.campaigns]));

describe('tail', () => {
  let produced: { produced: number; byKind: Record<string, number> };
  beforeAll(async () => {
    const run = await runCli(['produce', '--count', '120', '--seed', 'tail', '--poison-ratio', '0.2', '--unknown-enum-ratio', '0.2', '--json'], '', env);
    expect(run.code, run.stderr).toBe(0);
    produced = JSON.parse(run.stdout);
  });

  it('prints every record of the input decoded with its writer schema, and says why poison does not decode', async () => {
    const lines = await tail(['--topic', topics.input, '--from-beginning']);
    expect(lines).toHaveLength(produced.produced);
    const errors: Record<string, number> = {};
    for (const line of lines) {
      expect(line.topic).toBe(topics.input);
      if (line.error) {
        errors[`poison.${line.error.reason}`] = (errors[`poison.${line.error.reason}`] ?? 0) + 1;
        expect(line.valueBase64).toBeTruthy();
      } else {
        expect((line.value as { id: string }).id).toBe(line.key);
        expect(line.schemaId).toBeGreaterThan(0);
      }
    }
    expect(errors).toEqual(Object.fromEntries(Object.entries(produced.byKind).filter(([kind]) => kind.startsWith('poison.'))));
    // Unknown enum values show as written (the raw symbol), not as the SDK's fallback.
    expect(lines.some((line) => /^(connected|Disconnected|dIaLiNg|scheduled|RINGING|parked|Callback_Pending)$/.test(String((line.value as { state?: unknown } | undefined)?.state)))).toBe(true);
  });

  it('stops after --max records', async () => {
    expect(await tail(['--topic', topics.input, '--from-beginning', '--max', '5'])).toHaveLength(5);
  });

  it('prints dead letters with their headers and the raw value in base64', async () => {
    const raw = Buffer.from([0x7b, 0x00, 0xff, 0x10]);
    await send(topics.dlq, [{ key: 'dead-1', value: raw, headers: { 'dlq.reason': 'MAGIC_BYTE', 'dlq.error': 'magic byte is 123, expected 0', 'trace-id': 'abc' } }]);
    const [line] = await tail(['--topic', topics.dlq, '--from-beginning']);
    expect(line).toMatchObject({ key: 'dead-1', headers: [
      { key: 'dlq.reason', value: 'MAGIC_BYTE' }, { key: 'dlq.error', value: 'magic byte is 123, expected 0' }, { key: 'trace-id', value: 'abc' },
    ] });
    expect(Buffer.from(line!.value as string, 'base64').equals(raw)).toBe(true);
  });

  it('prints enriched records as the JSON view (ISO times, objects, derived fields)', async () => {
    const response = await registryFetch(`/subjects/${topics.output}-value/versions`, {
      method: 'POST', headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ schema: JSON.stringify(projectSchemas().schemas.enriched) }),
    });
    const { id } = (await response.json()) as { id: number };
    const mapped = mapGenesysJson({ id: 'e-1', state: 'DISCONNECTED', disconnectType: 'ENDPOINT', connectedTime: '2025-03-01T10:00:00Z', disconnectedTime: '2025-03-01T10:05:00Z', additionalProperties: { queue: 'Billing' } });
    if (!mapped.ok) throw new Error(mapped.error.message);
    const enriched = enrich(mapped.value, {
      eventId: 'f'.repeat(64), eventTime: Date.parse('2025-03-01T10:06:00Z'), processedAt: Date.parse('2025-03-01T10:06:01Z'),
      defaultPhoneRegion: 'US', lookupCampaign: () => undefined, source: null,
    });
    await send(topics.output, [{ key: 'e-1', value: encodeWire(id, encodeEnriched(enriched)) }]);
    const [line] = await tail(['--from-beginning']); // OUTPUT_TOPIC is the default topic
    expect(line).toMatchObject({
      topic: topics.output, key: 'e-1', schemaId: id,
      value: {
        eventId: 'f'.repeat(64),
        callback: { id: 'e-1', connectedTime: '2025-03-01T10:00:00.000Z', additionalProperties: { queue: 'Billing' } },
        derived: { outcome: 'COMPLETED', connectedDurationMs: 300_000 },
        processedAt: '2025-03-01T10:06:01.000Z',
      },
    });
  });

  it('--follow prints records written after it started', async () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'tail', '--topic', topics.campaigns, '--follow', '--max', '3'], {
      cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    let exitCode: number | null | undefined;
    const exited = new Promise<void>((resolve) => child.on('exit', (code) => { exitCode = code; resolve(); }));
    // tail starts at the end once its group is joined: keep writing until it has seen three.
    const deadline = Date.now() + 60_000;
    for (let i = 0; exitCode === undefined && Date.now() < deadline; i += 1) {
      await send(topics.campaigns, [{ key: `later-${i}`, value: Buffer.from([1, 2, 3]) }]);
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 500))]);
    }
    if (exitCode === undefined) child.kill();
    await exited;
    expect(exitCode).toBe(0);
    const lines = stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Line);
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line.key).toMatch(/^later-\d+$/);
  });
});
