// `npm run demo` as a user runs it, against the stack the suite runs on.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { stackEnv } from '../helpers/stack.js';

function runDemo(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo/main.ts'], {
      env: { ...process.env, ...stackEnv() },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run demo', () => {
  it('processes 1,000 mixed events end to end and the counts add up', async () => {
    const { code, stdout, stderr } = await runDemo();
    expect(code, stderr).toBe(0);
    const totals = /produced (\d+) = enriched (\d+) \+ dead-lettered (\d+) \(adds up\)/.exec(stdout);
    expect(totals, stdout).not.toBeNull();
    const [produced, enriched, dead] = totals!.slice(1).map(Number) as [number, number, number];
    expect(produced).toBe(1000);
    expect(enriched + dead).toBe(produced);
    // The mix carries poison of every kind the producer writes, and SDK-unknown enum values.
    for (const reason of ['MAGIC_BYTE', 'UNKNOWN_SCHEMA', 'DECODE_ERROR']) expect(stdout).toMatch(new RegExp(`\\n  ${reason}\\s+\\d+`));
    expect(stdout).toMatch(/enum fallbacks by field[^\n]*\n  (state|direction|disconnectType|voicemail\.uploadStatus)\s+\d+/);
    expect(stdout.match(/"eventId": "[0-9a-f]{64}"/g)?.length).toBeGreaterThanOrEqual(2);
    // One record's trace: produce --trace started it, the worker continued it into the output.
    expect(stdout).toMatch(/one record's trace [^\n]*: [0-9a-f]{32}\n  create [^\n]*\(producer\)\n     └─ process [^\n]*\(consumer, partition \d+ offset \d+, outcome [A-Z_]+\)\n  the [^\n]* record carries traceparent 00-[0-9a-f]{32}-[0-9a-f]{16}-01/);
    // A quiet start: waits that are normal while a broker starts are not client errors.
    const errorLines = `${stdout}\n${stderr}`.split('\n').filter((line) => /"level":\s*("error"|"fatal"|50|60)/.test(line));
    expect(errorLines).toEqual([]);
  });
});
