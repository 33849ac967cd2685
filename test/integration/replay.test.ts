// `replay` as a user runs it, on the real stack. Dead letters are written directly with the
// worker's DLQ headers (no worker needed); the input topic is then read back.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { replayGroupId } from '../../src/tools/replay/replayGroupId.js';
import { createTopics } from '../helpers/createTopics.js';
import { readUntil, type ReadMessage } from '../helpers/readUntil.js';
import { runCli } from '../helpers/runCli.js';
import { tailTopic } from '../helpers/tailTopic.js';
import { createFixtureProducer, createKafka, stackEnv } from '../helpers/stack.js';
import { uniqueName } from '../helpers/uniqueName.js';
import { waitFor } from '../helpers/waitFor.js';

const REASONS = ['MAPPING_ERROR', 'DECODE_ERROR', 'UNKNOWN_SCHEMA'] as const;
const failedAt = (i: number) => new Date(Date.UTC(2025, 0, 1, 0, i)).toISOString();

interface DeadLetter { key: string; value: Buffer; reason: string; at: string; replays: number; trace: string }

/** i-th dead letter: reasons rotate, one minute apart, every 7th replayed 3 times already. */
function deadLetter(i: number): DeadLetter {
  return { key: `key-${i % 9}`, value: Buffer.from(`value-${i}`), reason: REASONS[i % 3]!, at: failedAt(i), replays: i % 7 === 0 ? 3 : i % 5 === 0 ? 1 : 0, trace: `trace-${i}` };
}

async function writeDeadLetters(topic: string, letters: DeadLetter[]): Promise<void> {
  const producer = createFixtureProducer('replay-test');
  await producer.connect();
  try {
    await producer.send({
      topic,
      messages: letters.map((d) => ({
        key: d.key,
        value: d.value,
        headers: {
          'trace-id': d.trace, 'content-type': 'avro/binary',
          'dlq.reason': d.reason, 'dlq.error': `${d.reason.toLowerCase()}: something`, 'dlq.failed.at': d.at,
          'dlq.source.topic': 'callbacks.raw', 'dlq.source.partition': '0', 'dlq.source.offset': '42', 'dlq.worker': 'w-1',
          ...(d.replays > 0 ? { 'dlq.replays': String(d.replays) } : {}),
        },
      })),
    });
  } finally {
    await producer.disconnect();
  }
}

interface Summary {
  read: number; filtered: number; replayed: number; groupId: string; end: string; dryRun: boolean;
  byReason: Record<string, { replayed: number; overLimit: number }>;
  overLimit: Array<{ partition: number; offset: string; key: string | null; reason: string; replays: number }>;
}

async function replay(args: string[]): Promise<Summary> {
  const run = await runCli(['replay', '--json', ...args], '', { ...stackEnv(), LOG_LEVEL: 'warn' });
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Summary;
}

describe('replay', () => {
  const dlq = uniqueName('replay-dlq');
  const input = uniqueName('replay-in');
  const letters = Array.from({ length: 30 }, (_, i) => deadLetter(i));
  let dlqMessages: ReadMessage[];

  beforeAll(async () => {
    await createTopics([{ topic: dlq, numPartitions: 2 }, { topic: input, numPartitions: 2 }]);
    await writeDeadLetters(dlq, letters);
    dlqMessages = await readUntil(dlq, letters.length);
  });

  it('a dry run counts by reason, lists the records over the limit, and writes and commits nothing', async () => {
    const summary = await replay(['--from', dlq, '--to', input, '--dry-run']);
    const overLimit = letters.filter((d) => d.replays >= 3);
    expect(summary).toMatchObject({ dryRun: true, read: 30, filtered: 0, replayed: 30 - overLimit.length, end: 'reachedEnd' });
    for (const reason of REASONS) {
      expect(summary.byReason[reason]).toEqual({
        replayed: letters.filter((d) => d.reason === reason && d.replays < 3).length,
        overLimit: letters.filter((d) => d.reason === reason && d.replays >= 3).length,
      });
    }
    expect(summary.overLimit.map((r) => r.key).sort()).toEqual(overLimit.map((d) => d.key).sort());
    const admin = createKafka('replay-test').admin();
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets(input);
    await admin.disconnect();
    expect(offsets.map((o) => o.high)).toEqual(['0', '0']);
  });

  it('copies key, value and original headers back, counts dlq.replays up, keeps partitions, and a rerun copies nothing', async () => {
    const summary = await replay(['--from', dlq, '--to', input]);
    expect(summary).toMatchObject({ dryRun: false, read: 30, replayed: 30 - letters.filter((d) => d.replays >= 3).length });
    const copied = await tailTopic(input);
    expect(copied).toHaveLength(summary.replayed);
    for (const record of copied) {
      const original = letters.find((d) => d.value.toString() === record.value)!;
      expect(record.key).toBe(original.key);
      expect(record.headers).toEqual({ 'trace-id': original.trace, 'content-type': 'avro/binary', 'dlq.replays': String(original.replays + 1) });
      const source = dlqMessages.find((m) => m.value?.toString() === record.value)!;
      expect(record.partition).toBe(source.partition);
    }
    const again = await replay(['--from', dlq, '--to', input]);
    expect(again).toMatchObject({ read: 0, replayed: 0, groupId: summary.groupId });
  });

  it('filters by reason, dead-letter time and key', async () => {
    const to = uniqueName('replay-filtered');
    await createTopics([{ topic: to, numPartitions: 2 }]);
    const summary = await replay(['--from', dlq, '--to', to, '--reason', 'MAPPING_ERROR,DECODE_ERROR', '--since', failedAt(5), '--until', failedAt(20), '--max-replays', '10']);
    const expected = letters.filter((d, i) => d.reason !== 'UNKNOWN_SCHEMA' && i >= 5 && i < 20);
    expect(summary).toMatchObject({ read: 30, filtered: 30 - expected.length, replayed: expected.length });
    expect((await tailTopic(to)).map((r) => r.value).sort()).toEqual(expected.map((d) => d.value.toString()).sort());

    const byKey = await replay(['--from', dlq, '--to', to, '--key', 'key-4', '--max-replays', '10', '--dry-run']);
    expect(byKey.replayed).toBe(letters.filter((d) => d.key === 'key-4').length);
  });

  it('--max-replays 1 skips and lists every record replayed once already', async () => {
    const summary = await replay(['--from', dlq, '--to', input, '--max-replays', '1', '--dry-run', '--group', uniqueName('limit')]);
    const refused = letters.filter((d) => d.replays >= 1);
    expect(summary.overLimit.map((r) => `${r.key}:${r.replays}`).sort()).toEqual(refused.map((d) => `${d.key}:${d.replays}`).sort());
    expect(summary.replayed).toBe(30 - refused.length);
  });

  it('prints a summary by reason for people', async () => {
    const run = await runCli(['replay', '--from', dlq, '--to', input, '--dry-run', '--group', uniqueName('human')], '', { ...stackEnv(), LOG_LEVEL: 'warn' });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^dry run: /);
    expect(run.stdout).toMatch(/^ {2}MAPPING_ERROR +\d+ +\d+$/m);
    expect(run.stdout).toMatch(/replayed 3 times/);
  });
});

/** Records of `topic` below the group's committed offsets (the topic is not transactional). */
async function committedCount(groupId: string, topic: string): Promise<number> {
  const admin = createKafka('replay-test').admin();
  await admin.connect();
  try {
    const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return (entry?.partitions ?? []).reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
  } finally {
    await admin.disconnect();
  }
}

describe('replay resumes after an interruption without copying twice', () => {
  it('kill -9 mid-way, run again: every record exactly once', async () => {
    const dlq = uniqueName('resume-dlq');
    const input = uniqueName('resume-in');
    await createTopics([{ topic: dlq, numPartitions: 2 }, { topic: input, numPartitions: 2 }]);
    const letters = Array.from({ length: 40 }, (_, i) => ({ ...deadLetter(i), replays: 0 }));
    await writeDeadLetters(dlq, letters);

    const root = fileURLToPath(new URL('../../', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'replay', '--from', dlq, '--to', input, '--rate', '8'], {
      cwd: root, env: { ...process.env, ...stackEnv(), LOG_LEVEL: 'warn' }, stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const admin = createKafka('replay-test').admin();
    await admin.connect();
    try {
      // Some segments committed (each adds its records and a transaction marker), far from all 40.
      await waitFor(async () => (await admin.fetchTopicOffsets(input)).reduce((sum, o) => sum + Number(o.high), 0) >= 8, { timeoutMs: 60_000, message: 'the first replayed segments' });
    } finally {
      await admin.disconnect();
    }
    child.kill('SIGKILL');
    await exited;

    // What the killed run committed. Its last transaction may still be open (the resumed run's
    // producer aborts it) or, killed mid-commit, be completing: at --rate 8 a transaction holds one
    // record, so the resumed run starts after `before` or, at most, one record later.
    const before = await committedCount(replayGroupId(dlq, input, { reasons: new Set() }), dlq);
    expect(before).toBeGreaterThan(0);
    const resumed = await replay(['--from', dlq, '--to', input]);
    // `read` counts each record handled once, however often a rebalance hands a batch over.
    expect(resumed.read).toBeLessThanOrEqual(40 - before);
    expect(resumed.read).toBeGreaterThanOrEqual(40 - before - 1);
    expect(resumed).toMatchObject({ replayed: resumed.read, end: 'reachedEnd' });
    const copied = await tailTopic(input);
    expect(copied.map((r) => r.value).sort()).toEqual(letters.map((d) => d.value.toString()).sort());
  });
});
