// `transform` as a user runs it: a child process, JSONL on stdin.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/runCli.js';

const sha256 = (bytes: string | Buffer): string => createHash('sha256').update(bytes).digest('hex');
const parseLines = (text: string): Array<Record<string, any>> =>
  text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Record<string, any>);

describe('transform (spawned)', () => {
  it('transforms good lines, reports bad ones as "line N: reason", skips blank lines, exits 1', async () => {
    const inTwoHours = new Date(Date.now() + 2 * 3_600_000).toISOString();
    const good = `{"id":"a","state":"disconnected","disconnectType":"Spam","direction":"SIDEWAYS"}`;
    const crlf = `{"id":"b","callbackScheduledTime":"${inTwoHours}"}`;
    const last = `{"id":"c","callbackNumbers":["+1 317 555 0123"]}`;
    const input = Buffer.concat([
      Buffer.from(`${good}\n\n   \nnot json\n{"id":"x","held":"true"}\n`),
      Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d, 0x0a]), // {"<0xff>"}: not UTF-8
      Buffer.from(`${crlf}\r\n${last}`), // CRLF, and no newline at the very end
    ]);
    const before = Date.now();

    const run = await runCli(['transform'], input);

    expect(run.code).toBe(1);
    const errors = run.stderr.trimEnd().split('\n');
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/^line 4: not JSON: /);
    expect(errors[1]).toBe('line 5: held: not a boolean: "true"');
    expect(errors[2]).toBe('line 6: not valid UTF-8');

    const out = parseLines(run.stdout);
    expect(out.map((line) => line.callback.id)).toEqual(['a', 'b', 'c']);
    // eventId: SHA-256 of the line's own bytes, without its line break (LF or CRLF).
    expect(out.map((line) => line.eventId)).toEqual([sha256(good), sha256(crlf), sha256(last)]);
    expect(out[0]).toMatchObject({
      callback: { state: 'DISCONNECTED', disconnectType: 'SPAM', direction: 'OutdatedSdkVersion' },
      unknownEnumValues: { direction: 'SIDEWAYS' },
      derived: { outcome: 'SPAM', isTerminal: true },
      campaign: null,
      source: null,
    });
    expect(out[2]?.derived.callbackNumbersE164).toEqual(['+13175550123']);
    // Without --event-time the event time is now, and processedAt is now.
    expect(out[1]?.derived.scheduledInMs).toBeGreaterThan(2 * 3_600_000 - (Date.now() - before) - 1_000);
    expect(out[1]?.derived.scheduledInMs).toBeLessThanOrEqual(2 * 3_600_000);
    const processedAt = Date.parse(out[0]?.processedAt as string);
    expect(processedAt).toBeGreaterThanOrEqual(before);
    expect(processedAt).toBeLessThanOrEqual(Date.now());
  }, 60_000);

  it('exits 0 with nothing on stderr when every line is good; --phone-region and --event-time apply', async () => {
    const input = `{"id":"a","callbackNumbers":["030 901820"],"startHoldTime":"2024-03-07T10:00:00Z","held":true}\n`;
    const run = await runCli(['transform', '--phone-region', 'de', '--event-time', '2024-03-07T10:15:30Z'], input);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(parseLines(run.stdout)[0]?.derived).toMatchObject({
      callbackNumbersE164: ['+4930901820'], invalidCallbackNumbers: [], holdDurationMs: 930_000,
    });
  }, 60_000);

  it('takes its default phone region from DEFAULT_PHONE_REGION', async () => {
    const run = await runCli(['transform'], '{"callbackNumbers":["020 7946 0958"]}\n', { DEFAULT_PHONE_REGION: 'GB' });
    expect(run.code).toBe(0);
    expect(parseLines(run.stdout)[0]?.derived.callbackNumbersE164).toEqual(['+442079460958']);
  }, 60_000);
});
