// Everything committed on a topic, read as a user would: `tail --from-beginning`, which stops at
// the high watermarks of its start and reads read_committed. Unlike readUntil it needs no count,
// so a record written twice shows up as two.
import { runCli } from './runCli.js';
import { stackEnv } from './stack.js';

export interface TailedRecord {
  key: string;
  /** The value as UTF-8 text. */
  value: string;
  headers: Record<string, string>;
  partition: number;
}

export async function tailTopic(topic: string): Promise<TailedRecord[]> {
  const run = await runCli(['tail', '--topic', topic, '--from-beginning'], '', { ...stackEnv(), LOG_LEVEL: 'warn' });
  if (run.code !== 0) throw new Error(`tail ${topic} exited ${run.code}: ${run.stderr}`);
  return run.stdout.split('\n').filter(Boolean)
    .map((line) => JSON.parse(line) as { key: string; valueBase64?: string; headers: Array<{ key: string; value: string }>; partition: number })
    .map((r) => ({
      key: r.key, value: Buffer.from(r.valueBase64 ?? '', 'base64').toString(), partition: r.partition,
      headers: Object.fromEntries(r.headers.map((h) => [h.key, h.value])),
    }));
}
