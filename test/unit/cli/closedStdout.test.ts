// `callback-enricher worker --help | head -1`: the reader leaves early; the CLI must not crash.
import { spawn } from 'node:child_process';
import { expect, it } from 'vitest';

it('a reader that closes stdout early ends the CLI without an EPIPE crash', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'worker', '--help']);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  // Like `head -1`: take the first chunk, then close the pipe before the rest is written.
  child.stdout.once('data', () => child.stdout.destroy());
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  expect(stderr).not.toMatch(/EPIPE/);
  expect(code).toBe(0);
});
