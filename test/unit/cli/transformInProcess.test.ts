// `transform` in-process with injected streams (castle style): what needs control over the
// streams (backpressure, a reader that goes away) or no child process (usage errors).
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../src/cli/io.js';
import { createProgram } from '../../../src/cli/program.js';

function collector(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({ write(chunk: Buffer, _encoding, done) { chunks.push(chunk.toString('utf8')); done(); } });
  return { stream, text: () => chunks.join('') };
}

async function run(args: string[], stdin: Readable, stdout: Writable = collector().stream, env: NodeJS.ProcessEnv = {}) {
  const stderr = collector();
  const io: CliIo = { stdin, stdout, stderr: stderr.stream, env };
  const code = await createProgram(io).run(['transform', ...args]);
  return { code, stderr: stderr.text() };
}

/** A source that makes `chunks` chunks of `linesPerChunk` lines, only as fast as it is read. */
function lazySource(chunks: number, linesPerChunk: number): { stream: Readable; produced: () => number } {
  let made = 0;
  const stream = new Readable({
    read() {
      if (made === chunks) return void this.push(null);
      made += 1;
      this.push(Array.from({ length: linesPerChunk }, (_, i) => `{"id":"${made}-${i}","state":"CONNECTED"}\n`).join(''));
    },
  });
  return { stream, produced: () => made * linesPerChunk };
}

const fixture = (name: string): string => fileURLToPath(new URL(`../../fixtures/transform/${name}`, import.meta.url));

describe('transform: usage errors exit 2 and name the option', () => {
  it.each([
    [['--event-time', 'yesterday'], /^callback-enricher transform: --event-time: not a date-time: "yesterday"/],
    [['--event-time', '2024-03-07T10:15:30'], /--event-time: not a date-time/],
    [['--phone-region', 'XX'], /--phone-region: not a supported region code: "XX"/],
    [['--campaigns', '/nonexistent/campaigns.jsonl'], /--campaigns \/nonexistent\/campaigns.jsonl: ENOENT/],
    [['--campaigns', fixture('in.jsonl')], /--campaigns .*in.jsonl: line 1: name: missing/],
    [['--no-such-option'], /unknown option '--no-such-option'/],
  ])('%j', async (args, message) => {
    const stdout = collector();
    const result = await run(args, Readable.from(['{}\n']), stdout.stream);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(stdout.text()).toBe('');
  });

  it('reads DEFAULT_PHONE_REGION as the worker does (named when bad, overridden by --phone-region), and no other variable', async () => {
    const bad = await run([], Readable.from(['{}\n']), collector().stream, { DEFAULT_PHONE_REGION: 'XX', KAFKA_BROKERS: 'not a list' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/DEFAULT_PHONE_REGION: must be a region/);
    expect(bad.stderr).not.toMatch(/KAFKA_BROKERS/);
    const line = '{"callbackNumbers":["030 1234567"]}\n';
    const fromEnv = collector();
    expect((await run([], Readable.from([line]), fromEnv.stream, { DEFAULT_PHONE_REGION: 'de', KAFKA_BROKERS: 'not a list' })).code).toBe(0);
    expect(JSON.parse(fromEnv.text()).derived.callbackNumbersE164).toEqual(['+49301234567']);
    const overridden = collector();
    expect((await run(['--phone-region', 'US'], Readable.from([line]), overridden.stream, { DEFAULT_PHONE_REGION: 'XX' })).code).toBe(0);
    expect(overridden.text()).toMatch(/"invalidCallbackNumbers":\["030 1234567"\]/);
  });

  it('accepts --event-time as epoch millis', async () => {
    const stdout = collector();
    const result = await run(['--event-time', '1709806530000'], Readable.from(['{"callbackScheduledTime":1709806531000}\n']), stdout.stream);
    expect(result.code).toBe(0);
    expect(JSON.parse(stdout.text()).derived.scheduledInMs).toBe(1000);
  });
});

describe('transform --help', () => {
  it('lists the options and an example', async () => {
    const stdout = collector();
    const code = await createProgram({ stdin: Readable.from([]), stdout: stdout.stream, stderr: collector().stream, env: {} })
      .run(['transform', '--help']);
    expect(code).toBe(0);
    for (const text of ['--event-time <iso>', '--phone-region <XX>', '--campaigns <file>', 'line N: reason', 'npx callback-enricher transform']) {
      expect(stdout.text()).toContain(text);
    }
  });
});

describe('transform: streaming', () => {
  it('reads no faster than stdout drains: lines in flight stay bounded', async () => {
    const source = lazySource(400, 50); // 20,000 lines
    let consumed = 0;
    let maxInFlight = 0;
    const slowStdout = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, done) {
        consumed += chunk.toString('utf8').split('\n').length - 1;
        maxInFlight = Math.max(maxInFlight, source.produced() - consumed);
        setImmediate(done); // a reader slower than the producer
      },
    });
    const result = await run(['--event-time', '2024-03-07T10:15:30Z'], source.stream, slowStdout);
    expect(result).toEqual({ code: 0, stderr: '' });
    expect(consumed).toBe(20_000);
    // Without waiting for 'drain' the whole input would be read ahead (about 20,000 lines);
    // with it, only the stream buffers' worth (16 KiB of input, a batch) is ever in flight.
    expect(maxInFlight).toBeLessThan(2_000);
  }, 60_000);

  it('stops quietly when the reader goes away (EPIPE, as in `| head`), without reading the rest', async () => {
    const source = lazySource(1_000, 50);
    const closedStdout = new Writable({
      write(_chunk, _encoding, done) { done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })); },
    });
    const result = await run([], source.stream, closedStdout);
    expect(result).toEqual({ code: 0, stderr: '' });
    expect(source.produced()).toBeLessThan(50_000);
  });

  it('reports a line too long to buffer and goes on', async () => {
    const huge = `{"id":"${'x'.repeat(17 * 1024 * 1024)}"}\n`;
    const stdout = collector();
    const result = await run([], Readable.from([huge.slice(0, 9e6), huge.slice(9e6), '{"id":"ok"}\n']), stdout.stream);
    expect(result).toEqual({ code: 1, stderr: 'line 1: line too long\n' });
    expect(JSON.parse(stdout.text()).callback).toEqual({ id: 'ok' });
  });
});

describe('transform: strings UTF-8 cannot encode', () => {
  it('reports a lone surrogate (a JSON escape) as a bad line naming the field, keeps paired ones, and goes on', async () => {
    const stdout = collector();
    const lines = [
      String.raw`{"id":"a\ud800"}`,
      String.raw`{"id":"ok","additionalProperties":{"note":{"x\udfff":1}}}`,
      String.raw`{"id":"pair \ud83d\ude00","state":"nope\udc00"}`,
      String.raw`{"id":"pair \ud83d\ude00"}`,
    ];
    const result = await run(['--event-time', '1709806530000'], Readable.from([`${lines.join('\n')}\n`]), stdout.stream);
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n').filter(Boolean)).toEqual([
      'line 1: id: not valid Unicode: a lone surrogate, which UTF-8 cannot encode',
      String.raw`line 2: additionalProperties.note.x\udfff:` + ' not valid Unicode: a lone surrogate, which UTF-8 cannot encode',
      'line 3: state: not valid Unicode: a lone surrogate, which UTF-8 cannot encode',
    ]);
    const out = stdout.text().split('\n').filter(Boolean).map((line) => JSON.parse(line) as { callback: { id: string } });
    expect(out.map((line) => line.callback.id)).toEqual(['pair 😀']);
  });
});
