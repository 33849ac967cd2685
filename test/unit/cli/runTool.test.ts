// runTool parses only the sections a tool declares: a variable of another section, bad or
// missing, does not concern the tool; a bad one of its own is a usage error naming it (exit 2).
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { EXIT, type CliIo } from '../../../src/cli/io.js';
import { runTool } from '../../../src/cli/runTool.js';
import { UsageError } from '../../../src/tools/options/parseOptionValues.js';

function ioWith(env: NodeJS.ProcessEnv): { io: CliIo; stderr: () => string } {
  const stderr = new PassThrough();
  const chunks: Buffer[] = [];
  stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { io: { stdin: Readable.from([]), stdout: new PassThrough(), stderr, env }, stderr: () => Buffer.concat(chunks).toString('utf8') };
}

describe('runTool', () => {
  it('hands the tool its own sections (and the log level) only; other variables may be bad or missing', async () => {
    const { io, stderr } = ioWith({ SCHEMA_REGISTRY_URL: 'http://registry:8081/apis/ccompat/v7', KAFKA_BROKERS: 'not a broker list', LOG_LEVEL: 'silent' });
    let seen: unknown;
    const code = await runTool(io, 'schema check', ['registry'], async ({ config, registry }) => {
      seen = config;
      expect(typeof registry).toBe('function'); // built lazily: nothing is asked of the registry here
      return 7;
    });
    expect(code).toBe(7);
    expect(seen).toEqual({ registry: { url: 'http://registry:8081/apis/ccompat/v7' }, log: { logLevel: 'silent' } });
    expect(stderr()).toBe('');
  });

  it('names every bad variable of its sections with exit 2, without running the tool', async () => {
    const { io, stderr } = ioWith({ KAFKA_BROKERS: 'nope', INPUT_TOPIC: 'a b', SCHEMA_REGISTRY_URL: 'ftp://x' });
    let ran = false;
    const code = await runTool(io, 'replay', ['kafka', 'topics'], async () => { ran = true; return EXIT.OK; });
    expect(code).toBe(EXIT.USAGE);
    expect(ran).toBe(false);
    expect(stderr()).toMatch(/^callback-enricher replay: invalid configuration:\n {2}KAFKA_BROKERS: .*\n {2}INPUT_TOPIC: /);
    expect(stderr()).not.toMatch(/SCHEMA_REGISTRY_URL/);
  });

  it('turns a usage error or a failure of the tool into exit 2 with its message', async () => {
    const env = { KAFKA_BROKERS: 'k:9092', LOG_LEVEL: 'silent' };
    const usage = ioWith(env);
    expect(await runTool(usage.io, 'tail', ['kafka'], async () => { throw new UsageError('--max: expected a whole number'); })).toBe(EXIT.USAGE);
    expect(usage.stderr()).toBe('callback-enricher tail: --max: expected a whole number\n');
    const failure = ioWith(env);
    expect(await runTool(failure.io, 'tail', ['kafka'], async () => { throw new Error('connection refused'); })).toBe(EXIT.USAGE);
    expect(failure.stderr()).toBe('callback-enricher tail: connection refused\n');
  });
});
