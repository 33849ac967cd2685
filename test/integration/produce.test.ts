// `produce` as a user runs it, on the real stack: counts, kinds, determinism by seed, files.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import avro from 'avsc';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseWireHeader } from '../../src/pipeline/parseWireHeader.js';
import { createTopics } from '../helpers/createTopics.js';
import { readUntil, type ReadMessage } from '../helpers/readUntil.js';
import { runCli } from '../helpers/runCli.js';
import { registryFetch, stackEnv } from '../helpers/stack.js';
import { uniqueName } from '../helpers/uniqueName.js';
import type { ProduceSummary } from '../../src/tools/produce/runProduce.js';

const BASE_TIME = '2025-03-01T12:00:00.000Z';
const env = (topic: string, campaigns = `${topic}.campaigns`) => ({ ...stackEnv(), INPUT_TOPIC: topic, CAMPAIGN_TOPIC: campaigns, LOG_LEVEL: 'warn' });

type Summary = ProduceSummary;

async function produce(topic: string, args: string[]): Promise<Summary> {
  const run = await runCli(['produce', '--json', ...args], '', env(topic));
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Summary;
}

const writerTypes = new Map<number, avro.Type | null>();
async function writerType(id: number): Promise<avro.Type | null> {
  if (!writerTypes.has(id)) {
    const response = await registryFetch(`/schemas/ids/${id}`);
    writerTypes.set(id, response.ok ? avro.Type.forSchema(JSON.parse(((await response.json()) as { schema: string }).schema) as avro.Schema) : null);
  }
  return writerTypes.get(id) ?? null;
}

/** What the worker's first steps would say about a record: its kind as `produce` counts it. */
async function classify(message: ReadMessage, ids: Record<string, number>): Promise<string> {
  const wire = parseWireHeader(message.value);
  if (!wire.ok) return 'poison.MAGIC_BYTE';
  const type = await writerType(wire.value.schemaId);
  if (!type) return 'poison.UNKNOWN_SCHEMA';
  try {
    type.fromBuffer(wire.value.payload);
  } catch {
    return 'poison.DECODE_ERROR';
  }
  const kind = Object.entries(ids).find(([, id]) => id === wire.value.schemaId)?.[0];
  return kind ?? `schema ${wire.value.schemaId}`;
}

const fingerprint = (messages: ReadMessage[]): string[] =>
  messages.map((m) => `${m.partition}/${m.key?.toString()}/${m.value?.toString('hex')}`).sort();

describe('produce', () => {
  const topic = uniqueName('produce');
  let summary: Summary;
  let messages: ReadMessage[];

  beforeAll(async () => {
    await createTopics([
      { topic, numPartitions: 3 }, `${topic}.campaigns`,
      { topic: `${topic}.copy`, numPartitions: 3 }, `${topic}.copy.campaigns`,
      { topic: `${topic}.other`, numPartitions: 3 }, `${topic}.other.campaigns`,
    ]);
    summary = await produce(topic, ['--count', '600', '--seed', 'it-1', '--base-time', BASE_TIME,
      '--unknown-enum-ratio', '0.1', '--evolved-ratio', '0.1', '--poison-ratio', '0.1', '--campaigns', '4']);
    messages = await readUntil(topic, 600);
  });

  it('writes --count records and says how many of each kind', () => {
    expect(summary.produced).toBe(600);
    expect(messages).toHaveLength(600);
    expect(Object.values(summary.byKind).reduce((a, b) => a + b, 0)).toBe(600);
    for (const kind of ['canonical', 'unknownEnum', 'evolved', 'poison.MAGIC_BYTE', 'poison.UNKNOWN_SCHEMA', 'poison.DECODE_ERROR']) {
      expect(summary.byKind[kind], kind).toBeGreaterThan(0);
    }
    expect(summary.poison).toBe(summary.byKind['poison.MAGIC_BYTE']! + summary.byKind['poison.UNKNOWN_SCHEMA']! + summary.byKind['poison.DECODE_ERROR']!);
    expect(summary).toMatchObject({ seed: 'it-1', baseTime: BASE_TIME, badLines: 0 });
  });

  it('every record is of the kind the summary counts: registered writers, or poison that fails where its reason says', async () => {
    const counted: Record<string, number> = {};
    for (const message of messages) {
      const kind = await classify(message, { canonical: summary.schemaIds.canonical!, unknownEnum: summary.schemaIds.unknownEnum!, evolved: summary.schemaIds.evolved! });
      counted[kind] = (counted[kind] ?? 0) + 1;
    }
    expect(counted).toEqual(summary.byKind);
  });

  it('registers the writers as versions of <topic>-value, the evolved one with the new field', async () => {
    const versions = (await (await registryFetch(`/subjects/${topic}-value/versions`)).json()) as number[];
    expect(versions).toHaveLength(3);
    const latest = (await (await registryFetch(`/subjects/${topic}-value/versions/latest`)).json()) as { id: number; schema: string };
    expect(latest.id).toBe(summary.schemaIds.evolved);
    expect(JSON.parse(latest.schema).fields.map((f: { name: string }) => f.name)).toContain('queueId');
  });

  it('writes the campaigns, keyed by id, and dialer previews point at them', async () => {
    const campaigns = await readUntil(`${topic}.campaigns`, 4);
    expect(campaigns.map((m) => m.key?.toString()).sort()).toEqual([...summary.campaigns.ids].sort());
    const campaignType = (await writerType(summary.schemaIds.campaign!))!;
    for (const m of campaigns) {
      const campaign = campaignType.fromBuffer(m.value!.subarray(5)) as { timeZone: string };
      expect(() => new Intl.DateTimeFormat('en', { timeZone: campaign.timeZone })).not.toThrow();
    }
    const canonical = (await writerType(summary.schemaIds.canonical!))!;
    const pointing: string[] = [];
    for (const m of messages) {
      if ((await classify(m, { canonical: summary.schemaIds.canonical! })) !== 'canonical') continue;
      const id = (canonical.fromBuffer(m.value!.subarray(5)) as { dialerPreview: { campaignId: string } | null }).dialerPreview?.campaignId;
      if (id !== undefined) pointing.push(id);
    }
    expect(pointing.length).toBeGreaterThan(100);
    expect(pointing.filter((id) => summary.campaigns.ids.includes(id)).length).toBeGreaterThan(pointing.length * 0.8);
  });

  it('the same seed and base time write the same records; another seed does not', async () => {
    const again = await produce(`${topic}.copy`, ['--count', '600', '--seed', 'it-1', '--base-time', BASE_TIME,
      '--unknown-enum-ratio', '0.1', '--evolved-ratio', '0.1', '--poison-ratio', '0.1', '--campaigns', '4']);
    expect(again.byKind).toEqual(summary.byKind);
    expect(again.schemaIds).toEqual(summary.schemaIds); // the same content gets the same id under another subject
    expect(fingerprint(await readUntil(`${topic}.copy`, 600))).toEqual(fingerprint(messages));

    await produce(`${topic}.other`, ['--count', '600', '--seed', 'it-2', '--base-time', BASE_TIME, '--campaigns', '4']);
    const other = fingerprint(await readUntil(`${topic}.other`, 600));
    expect(other.filter((f) => fingerprint(messages).includes(f))).toEqual([]);
  });
});

describe('produce --from-file, --rate, progress and errors', () => {
  const topic = uniqueName('produce-file');
  beforeAll(() => createTopics([topic, `${topic}.campaigns`]));

  it('writes the Genesys JSON lines of a file; bad lines go to stderr and make the exit 1', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'produce-')), 'callbacks.jsonl');
    writeFileSync(file, [
      JSON.stringify({ id: 'f-1', state: 'CONNECTED', connectedTime: '2025-03-01T10:00:00Z', callbackNumbers: ['+14155550123'] }),
      JSON.stringify({ id: 'f-2', state: 'disconnected', disconnectType: 'endpoint' }),
      '',
      JSON.stringify({ id: 'f-3', connectedTime: 'yesterday' }),
      '{not json',
      JSON.stringify({ id: 'f-4', additionalProperties: { a: 1 } }),
    ].join('\n'));
    const run = await runCli(['produce', '--from-file', file, '--json'], '', env(topic));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/line 4: connectedTime/);
    expect(run.stderr).toMatch(/line 5: not JSON/);
    expect(JSON.parse(run.stdout)).toMatchObject({ produced: 3, badLines: 2, byKind: { file: 3 }, seed: null });
    const messages = await readUntil(topic, 3);
    expect(messages.map((m) => m.key?.toString()).sort()).toEqual(['f-1', 'f-2', 'f-4']);
  });

  it('a large run (encoded on a worker thread) writes every record', async () => {
    const big = uniqueName('produce-big');
    await createTopics([{ topic: big, numPartitions: 3 }, `${big}.campaigns`]);
    const summary = await produce(big, ['--count', '25000', '--seed', 'big', '--poison-ratio', '0.01']);
    expect(summary.produced).toBe(25_000);
    expect((await readUntil(big, 25_000, { timeoutMs: 60_000 })).length).toBe(25_000);
  });

  it('keeps to --rate', async () => {
    const summary = await produce(topic, ['--count', '30', '--rate', '20']);
    expect(summary.produced).toBe(30);
    // Record k is due k/20 s after the first: the last one at 1.45 s.
    expect(summary.elapsedMs).toBeGreaterThanOrEqual(1400);
  });

  it('reports progress as plain lines when stderr is not a terminal, and a readable summary', async () => {
    const run = await runCli(['produce', '--count', '50', '--seed', '9'], '', env(topic));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^produce: 50\/50 records, [\d,]+\/s$/m);
    expect(run.stderr).not.toContain('\r');
    expect(run.stdout).toMatch(/^produced 50 records to /);
    expect(run.stdout).toContain('same records again: --seed 9 --base-time ');
  });

  it('says which topic is missing, with exit 2', async () => {
    const run = await runCli(['produce', '--count', '1'], '', env(uniqueName('no-such-topic')));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/missing topic: "no-such-topic-[^"]+" \(INPUT_TOPIC\)/);
  });

  it('rejects bad options with exit 2 and names them', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--count', '0'], /--count/],
      [['--poison-ratio', '0.7', '--evolved-ratio', '0.5'], /add up to more than 1/],
      [['--rate', 'fast'], /--rate/],
      [['--from-file', 'x.jsonl', '--poison-ratio', '0.1'], /--from-file/],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(['produce', ...args], '', env(topic));
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
    }
  });
});
